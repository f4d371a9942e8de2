package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.EventRejectedException.Reason;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class RedisEventPublisherIntegrationTests {

	private final EventSettings settings = new EventSettings(1024, 1_000_000, Duration.ofMillis(300));

	private final TestEventLog log = new TestEventLog().load(this.settings, TestEventLog.retention(), List.of("relay"));

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final RedisEventPublisher publisher = new RedisEventPublisher(this.log.connections(), this.log.library(),
			this.jsonMapper, this.settings);

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void returnsTheEventAsStored() {
		String jobId = this.log.newJobId();

		EventEnvelope event = this.publisher.publish(jobId, "phase_update", new PhaseUpdate("p1", "running", 3));

		assertThat(event.stream()).isEqualTo("jobs." + jobId);
		assertThat(event.seq()).isEqualTo(1);
		assertThat(event.type()).isEqualTo("phase_update");
		assertThat(event.payload().toString()).isEqualTo("{\"phase_id\":\"p1\",\"status\":\"running\",\"processed_count\":3}");
		StreamMessage<String, String> stored = this.log.redis().xrange(EventKeys.stream(jobId), Range.create("-", "+")).getFirst();
		assertThat(stored.getBody()).containsEntry("ts", event.ts().toString())
			.containsEntry("payload", event.payload().toString());
	}

	@Test
	void givesConcurrentPublishersGapFreeSeqs() throws Exception {
		String jobId = this.log.newJobId();
		List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Future<?>> publishers = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				int publisherNumber = thread;
				publishers.add(threads.submit(() -> {
					for (int i = 0; i < 500; i++) {
						seqs.add(this.publisher.publish(jobId, "token", Map.of("text", publisherNumber + ":" + i)).seq());
					}
				}));
			}
			for (Future<?> publisher : publishers) {
				publisher.get();
			}
		}

		List<Long> expected = IntStream.rangeClosed(1, 4000).mapToObj(Long::valueOf).toList();
		assertThat(seqs).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.log.redis().xrange(EventKeys.stream(jobId), Range.create("-", "+")))
			.extracting((entry) -> EventKeys.seqOfEntryId(entry.getId()))
			.containsExactlyElementsOf(expected);
		assertThat(this.log.redis().hget(EventKeys.meta(jobId), "seq")).isEqualTo("4000");
	}

	@Test
	void refusesEachInvalidEventWithItsReason() {
		String jobId = this.log.newJobId();

		assertRejected(() -> this.publisher.publish("no/slash", "token", Map.of("text", "x")), Reason.INVALID_JOB_ID);
		assertRejected(() -> this.publisher.publish("x".repeat(65), "token", Map.of("text", "x")), Reason.INVALID_JOB_ID);
		assertRejected(() -> this.publisher.publish(jobId, "nope", Map.of("text", "x")), Reason.UNKNOWN_TYPE);
		assertRejected(() -> this.publisher.publish(jobId, "token", List.of("text")), Reason.INVALID_PAYLOAD);
		assertRejected(() -> this.publisher.publish(jobId, "token", "text"), Reason.INVALID_PAYLOAD);
		assertRejected(() -> this.publisher.publish(jobId, "token", Map.of("txt", "x")), Reason.MISSING_FIELD);
		assertRejected(() -> this.publisher.publish(jobId, "token", Map.of("text", "x".repeat(1100))),
				Reason.PAYLOAD_TOO_LARGE);

		assertThat(this.log.redis().exists(EventKeys.stream(jobId), EventKeys.meta(jobId))).isZero();
	}

	@Test
	void refusesEventsAfterDone() {
		String jobId = this.log.newJobId();
		this.publisher.publish(jobId, "done", Map.of("status", "completed"));

		assertRejected(() -> this.publisher.publish(jobId, "token", Map.of("text", "late")), Reason.JOB_FINISHED);
	}

	@Test
	void refusesWithNotReadyAfterRetryingWhileTheLibraryIsMissing() {
		this.log.unload();

		long started = System.nanoTime();
		assertRejected(() -> this.publisher.publish(this.log.newJobId(), "token", Map.of("text", "x")), Reason.NOT_READY);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
	}

	@Test
	void waitsForTheLibraryWithinThePublishRetry() {
		String jobId = this.log.newJobId();
		EventSettings patient = new EventSettings(1024, 1_000_000, Duration.ofSeconds(10));
		RedisEventPublisher waiting = new RedisEventPublisher(this.log.connections(), this.log.library(), this.jsonMapper,
				patient);
		this.log.unload();

		CompletableFuture<EventEnvelope> published = CompletableFuture
			.supplyAsync(() -> waiting.publish(jobId, "token", Map.of("text", "x")));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !published.isDone());
		this.log.load(patient, TestEventLog.retention(), List.of("relay"));

		assertThat(published).succeedsWithin(Duration.ofSeconds(5)).extracting(EventEnvelope::seq).isEqualTo(1L);
	}

	private static void assertRejected(Runnable publish, Reason reason) {
		assertThatExceptionOfType(EventRejectedException.class).isThrownBy(publish::run)
			.satisfies((rejection) -> assertThat(rejection.reason()).isEqualTo(reason));
	}

	record PhaseUpdate(String phase_id, String status, int processed_count) {
	}

}
