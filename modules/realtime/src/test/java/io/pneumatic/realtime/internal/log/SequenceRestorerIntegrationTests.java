package io.pneumatic.realtime.internal.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.EventRejectedException.Reason;
import io.pneumatic.realtime.testing.InMemoryEventArchive;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Restoring sequence numbers after Redis lost its data. The loss is simulated on this test's own
 * keys and library only: the test Redis is shared.
 */
class SequenceRestorerIntegrationTests {

	private static final long GAP = 1000;

	private final EventSettings settings = new EventSettings(65536, GAP, Duration.ofMillis(300));

	private final TestEventLog log = new TestEventLog();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final InMemoryEventArchive archive = new InMemoryEventArchive();

	private final RedisEventPublisher publisher = new RedisEventPublisher(this.log.connections(), this.log.library(),
			this.jsonMapper, this.settings);

	private EventLogWatchdog watchdog;

	@AfterEach
	void close() {
		if (this.watchdog != null) {
			this.watchdog.stop();
		}
		this.log.close();
	}

	@Test
	void continuesPastTheArchivedSeqsAfterRedisLostItsData() {
		restorer(this.archive).restore(List.of("relay"));
		String open = this.log.newJobId();
		String finished = this.log.newJobId();
		String intact = this.log.newJobId();
		String empty = this.log.newJobId();
		this.archive.archive(open, publish(open, 5));
		this.archive.archive(finished, publish(finished, 2));
		this.archive.archive(finished, List.of(this.publisher.publish(finished, "done", Map.of("status", "completed"))));
		this.archive.archive(intact, publish(intact, 10).subList(0, 7));
		this.archive.open(empty);

		this.log.deleteJobKeys(open);
		this.log.deleteJobKeys(finished);
		this.log.unload();
		assertRejected(() -> this.publisher.publish(open, "token", Map.of("text", "x")), Reason.NOT_READY);
		restorer(this.archive).restore(List.of("relay"));

		assertThat(this.publisher.publish(open, "token", Map.of("text", "x")).seq()).isEqualTo(5 + GAP + 1);
		assertRejected(() -> this.publisher.publish(finished, "token", Map.of("text", "x")), Reason.JOB_FINISHED);
		assertThat(this.log.redis().ttl(EventKeys.meta(finished))).isBetween(86_000L, 86_400L);
		assertThat(this.publisher.publish(intact, "token", Map.of("text", "x")).seq()).isEqualTo(11);
		assertThat(this.publisher.publish(empty, "token", Map.of("text", "x")).seq()).isEqualTo(GAP + 1);
	}

	@Test
	void watchdogRestoresAndReloadsWhenTheLibraryDisappears() {
		String jobId = this.log.newJobId();
		startWatchdog(this.archive);
		List<EventEnvelope> published = publish(jobId, 3);
		this.archive.archive(jobId, published.subList(0, 2));

		this.log.deleteJobKeys(jobId);
		this.log.unload();

		EventEnvelope next = this.publisher(Duration.ofSeconds(10)).publish(jobId, "token", Map.of("text", "after"));
		assertThat(next.seq()).isEqualTo(2 + GAP + 1);
		assertThat(this.log.redis().xinfoGroups(EventKeys.stream(jobId))).hasSize(1);
	}

	@Test
	void watchdogRestoresWhenTheWakeupStreamDisappears() {
		String jobId = this.log.newJobId();
		startWatchdog(this.archive);
		this.archive.archive(jobId, publish(jobId, 4));
		this.log.deleteJobKeys(jobId);
		// As after FLUSHALL, which keeps functions. Park the shared marker rather than delete it.
		String parked = "events:wakeup:parked:" + jobId;
		this.log.redis().rename(EventKeys.WAKEUP, parked);
		try {
			EventEnvelope next = this.publisher(Duration.ofSeconds(10)).publish(jobId, "token", Map.of("text", "after"));

			assertThat(next.seq()).isEqualTo(4 + GAP + 1);
		}
		finally {
			this.log.redis().del(parked);
		}
	}

	@Test
	void watchdogRetriesWhileTheArchiveIsUnavailable() {
		AtomicInteger calls = new AtomicInteger();
		EventArchive failingTwice = new EventArchive() {

			@Override
			public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
				return List.of();
			}

			@Override
			public List<SequenceFloor> sequenceFloors(Instant finishedSince) {
				if (calls.incrementAndGet() <= 2) {
					throw new IllegalStateException("PostgreSQL is down");
				}
				return List.of();
			}

		};
		startWatchdog(failingTwice);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.log.library().isLoadedIn(this.log.redis()));
		assertThat(calls).hasValue(3);
		assertThat(this.publisher.publish(this.log.newJobId(), "token", Map.of("text", "x")).seq()).isEqualTo(1);
	}

	private void startWatchdog(EventArchive archive) {
		this.watchdog = new EventLogWatchdog(this.log.connections(), restorer(archive), this.log.library(),
				() -> List.of("relay"), Duration.ofMillis(100), Duration.ofMillis(200));
		this.log.trackGroup("relay");
		this.watchdog.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.log.library().isLoadedIn(this.log.redis()));
	}

	private SequenceRestorer restorer(EventArchive archive) {
		this.log.trackGroup("relay");
		return new SequenceRestorer(this.log.connections(), archive, this.log.library(), this.settings,
				TestEventLog.retention(), OpsStreamSettings.defaults(), Clock.systemUTC());
	}

	private RedisEventPublisher publisher(Duration retry) {
		return new RedisEventPublisher(this.log.connections(), this.log.library(), this.jsonMapper,
				new EventSettings(65536, GAP, retry));
	}

	private List<EventEnvelope> publish(String jobId, int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> this.publisher.publish(jobId, "token", Map.of("text", "t" + i)))
			.toList();
	}

	private static void assertRejected(Runnable publish, Reason reason) {
		assertThatExceptionOfType(EventRejectedException.class).isThrownBy(publish::run)
			.satisfies((rejection) -> assertThat(rejection.reason()).isEqualTo(reason));
	}

}
