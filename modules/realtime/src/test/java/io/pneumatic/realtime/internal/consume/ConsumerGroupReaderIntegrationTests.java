package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.lettuce.core.Consumer;
import io.lettuce.core.KillArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;
import io.pneumatic.realtime.internal.log.EventEntryMapper;
import io.pneumatic.realtime.internal.log.EventKeys;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConsumerGroupReaderIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(15);

	private final String group = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final TestEventLog log = new TestEventLog()
		.load(TestEventLog.eventSettings(), TestEventLog.retention(), List.of(this.group));

	private final ConsumerSettings settings = new ConsumerSettings(50, Duration.ofMillis(200), Duration.ofMillis(500),
			Duration.ofSeconds(15), Duration.ofMillis(200), Duration.ofMillis(300));

	private final List<ConsumerGroupReader> readers = new ArrayList<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void close() throws InterruptedException {
		this.readers.forEach(ConsumerGroupReader::requestStop);
		for (ConsumerGroupReader reader : this.readers) {
			reader.awaitStop(Duration.ofSeconds(5));
		}
		this.log.close();
	}

	@Test
	void deliversEachEventOnceAcrossTwoInstancesOfAGroup() {
		RecordingConsumer first = new RecordingConsumer(this.group);
		RecordingConsumer second = new RecordingConsumer(this.group);
		start(first, "instance-a", this.settings);
		start(second, "instance-b", this.settings);
		List<String> jobIds = List.of(this.log.newJobId(), this.log.newJobId(), this.log.newJobId());

		for (int i = 0; i < 200; i++) {
			for (String jobId : jobIds) {
				this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			}
		}

		await().atMost(AWAIT).until(() -> first.consumed().size() + second.consumed().size() >= 600);
		List<String> delivered = new ArrayList<>();
		first.consumed().forEach((event) -> delivered.add(event.stream() + "#" + event.seq()));
		second.consumed().forEach((event) -> delivered.add(event.stream() + "#" + event.seq()));
		assertThat(delivered).hasSize(600).doesNotHaveDuplicates();
		for (String jobId : jobIds) {
			assertThat(first.seqsOf(jobId)).isSorted();
			assertThat(second.seqsOf(jobId)).isSorted();
			await().atMost(AWAIT).until(() -> pendingCount(jobId) == 0);
		}
	}

	@Test
	void recordsHowLongAfterTheLogAcceptedThemItReadsEvents() {
		RecordingConsumer consumer = new RecordingConsumer(this.group);
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();

		for (int i = 0; i < 5; i++) {
			this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
		}

		await().atMost(AWAIT).until(() -> consumer.consumed().size() == 5);
		Timer readDelay = this.registry.get("pneumatic.events.read.delay").tag("group", this.group).tag("streams", "jobs").timer();
		assertThat(readDelay.count()).isEqualTo(5);
		assertThat(readDelay.max(TimeUnit.SECONDS)).as("read within the test's wait").isLessThan(AWAIT.toSeconds());
	}

	@Test
	void convertsEntriesToEnvelopes() {
		RecordingConsumer consumer = new RecordingConsumer(this.group);
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();

		List<Object> published = this.log.publish(jobId, "log", "{\"level\":\"info\",\"message\":\"hello\"}");

		await().atMost(AWAIT).until(() -> consumer.consumed().size() == 1);
		EventEnvelope event = consumer.consumed().getFirst();
		assertThat(event.stream()).isEqualTo("jobs." + jobId);
		assertThat(event.seq()).isEqualTo(1);
		assertThat(event.type()).isEqualTo("log");
		assertThat(event.ts()).hasToString((String) published.get(1));
		assertThat(event.payload().get("message").asString()).isEqualTo("hello");
	}

	@Test
	void picksUpANewJobThroughTheWakeupStreamWithoutWaitingForTheKeyRefresh() {
		RecordingConsumer consumer = new RecordingConsumer(this.group);
		start(consumer, "instance-a", new ConsumerSettings(50, Duration.ofSeconds(1), Duration.ofMinutes(5),
				Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(300)));
		String jobId = this.log.newJobId();
		await().atMost(AWAIT).until(() -> readerClient().contains(" cmd=xreadgroup"));

		this.log.publish(jobId, "token", "{\"text\":\"first\"}");
		this.log.publish(jobId, "token", "{\"text\":\"second\"}");

		await().atMost(Duration.ofSeconds(5)).until(() -> consumer.seqsOf(jobId).equals(List.of(1L, 2L)));
	}

	@Test
	void reclaimsEntriesADeadConsumerLeftPending() {
		String jobId = this.log.newJobId();
		for (int i = 0; i < 5; i++) {
			this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
		}
		this.log.redis().xreadgroup(Consumer.from(this.group, "dead-instance"), new XReadArgs().count(10),
				StreamOffset.lastConsumed(EventKeys.stream(jobId)));
		assertThat(pendingCount(jobId)).isEqualTo(5);
		RecordingConsumer consumer = new RecordingConsumer(this.group);

		start(consumer, "instance-a", new ConsumerSettings(50, Duration.ofMillis(200), Duration.ofMillis(500),
				Duration.ofMillis(800), Duration.ofMillis(200), Duration.ofMillis(300)));

		await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).equals(List.of(1L, 2L, 3L, 4L, 5L)));
		await().atMost(AWAIT).until(() -> pendingCount(jobId) == 0);
	}

	@Test
	void offersABatchAgainAfterTheConsumerFailed() {
		RecordingConsumer consumer = new RecordingConsumer(this.group, 2);
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();

		for (int i = 0; i < 10; i++) {
			this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
		}

		await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).size() == 10);
		assertThat(consumer.seqsOf(jobId)).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
		assertThat(consumer.calls()).isGreaterThan(2);
		await().atMost(AWAIT).until(() -> pendingCount(jobId) == 0);
	}

	@Test
	void readsOnWhileBatchesAreInFlightAndAcknowledgesEachOnceConsumed() {
		PipelinedConsumer consumer = new PipelinedConsumer(this.group, 2);
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();

		publishInOwnBatches(jobId, consumer, 2);
		this.log.publish(jobId, "token", "{\"text\":\"third\"}");

		// Two batches in flight: the third event waits, and nothing is acknowledged before it is consumed.
		await().during(Duration.ofMillis(600)).atMost(AWAIT).until(() -> consumer.handed().size() == 2);
		assertThat(consumer.batch(0).seqs()).containsExactly(1L);
		assertThat(consumer.batch(1).seqs()).containsExactly(2L);
		assertThat(pendingCount(jobId)).isEqualTo(3);
		consumer.batch(0).consumed().complete(null);
		await().atMost(AWAIT).until(() -> consumer.handed().size() == 3);
		assertThat(consumer.batch(2).seqs()).containsExactly(3L);
		await().atMost(AWAIT).until(() -> pendingCount(jobId) == 2);
		consumer.batch(1).consumed().complete(null);
		consumer.batch(2).consumed().complete(null);
		await().atMost(AWAIT).until(() -> pendingCount(jobId) == 0);
	}

	@Test
	void offersABatchThatFailedInFlightAgainAndKeepsWhatWasConsumedAfterIt() {
		PipelinedConsumer consumer = new PipelinedConsumer(this.group, 4);
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();
		publishInOwnBatches(jobId, consumer, 2);

		consumer.batch(1).consumed().complete(null);
		consumer.batch(0).consumed().completeExceptionally(new IllegalStateException("receipt lost"));

		await().atMost(AWAIT).until(() -> consumer.handed().size() == 3);
		assertThat(consumer.batch(2).seqs()).containsExactly(1L);
		await().atMost(AWAIT).until(() -> pendingCount(jobId) == 1);
		consumer.batch(2).consumed().complete(null);
		await().atMost(AWAIT).until(() -> pendingCount(jobId) == 0);
		assertThat(consumer.handed()).hasSize(3);
	}

	@Test
	void waitsTheConsumersReadIntervalBetweenReadsUnlessAStreamFilledABatch() {
		RecordingConsumer consumer = new RecordingConsumer(this.group, 0, Duration.ofSeconds(2));
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();
		this.log.publish(jobId, "token", "{\"text\":\"first\"}");
		await().atMost(AWAIT).until(() -> consumer.calls() == 1);

		for (int i = 0; i < 4; i++) {
			this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
		}

		await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).size() == 5);
		assertThat(consumer.calls()).isEqualTo(2);
		for (int i = 0; i < 120; i++) {
			this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
		}
		// Batches of 50: at most one read interval, then the second and third reads follow at once (not 6s).
		await().atMost(Duration.ofSeconds(4)).until(() -> consumer.seqsOf(jobId).size() == 125);
	}

	@Test
	void carriesOnWhenAStreamDisappears() {
		RecordingConsumer consumer = new RecordingConsumer(this.group);
		start(consumer, "instance-a", this.settings);
		String gone = this.log.newJobId();
		this.log.publish(gone, "token", "{\"text\":\"x\"}");
		await().atMost(AWAIT).until(() -> consumer.seqsOf(gone).size() == 1);

		this.log.redis().del(EventKeys.stream(gone));
		String next = this.log.newJobId();
		this.log.publish(next, "token", "{\"text\":\"y\"}");

		await().atMost(AWAIT).until(() -> consumer.seqsOf(next).equals(List.of(1L)));
	}

	@Test
	void adoptsStreamsCreatedWithoutItsGroup() {
		TestEventLog noGroups = new TestEventLog().load(TestEventLog.eventSettings(), TestEventLog.retention(), List.of());
		try {
			String jobId = noGroups.newJobId();
			for (int i = 0; i < 3; i++) {
				noGroups.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			}
			RecordingConsumer consumer = new RecordingConsumer(this.group);

			start(consumer, "instance-a", this.settings);

			await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).equals(List.of(1L, 2L, 3L)));
		}
		finally {
			noGroups.close();
		}
	}

	@Test
	void recoversWhenItsConnectionIsKilled() {
		RecordingConsumer consumer = new RecordingConsumer(this.group);
		start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();
		this.log.publish(jobId, "token", "{\"text\":\"before\"}");
		await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).size() == 1);

		String readerClient = readerClient();
		this.log.redis().clientKill(KillArgs.Builder.id(Long.parseLong(readerClient.substring(3, readerClient.indexOf(' ')))));
		this.log.publish(jobId, "token", "{\"text\":\"after\"}");

		await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).equals(List.of(1L, 2L)));
	}

	@Test
	void leavesTheWakeupGroupButNotTheJobStreamsWhenStopped() throws InterruptedException {
		RecordingConsumer consumer = new RecordingConsumer(this.group);
		ConsumerGroupReader reader = start(consumer, "instance-a", this.settings);
		String jobId = this.log.newJobId();
		this.log.publish(jobId, "token", "{\"text\":\"x\"}");
		await().atMost(AWAIT).until(() -> consumer.seqsOf(jobId).size() == 1);
		assertThat(this.log.redis().xinfoConsumers(EventKeys.WAKEUP, this.group).toString()).contains("instance-a");

		reader.requestStop();
		reader.awaitStop(Duration.ofSeconds(5));

		assertThat(this.log.redis().xinfoConsumers(EventKeys.WAKEUP, this.group).toString()).doesNotContain("instance-a");
		assertThat(this.log.redis().xinfoConsumers(EventKeys.stream(jobId), this.group).toString()).contains("instance-a");
		assertThat(readerClient()).isEmpty();
	}

	private ConsumerGroupReader start(EventStreamConsumer consumer, String instanceId, ConsumerSettings readerSettings) {
		ConsumerGroupReader reader = new ConsumerGroupReader(consumer, instanceId, this.log.connections(),
				new EventEntryMapper(JsonMapper.builder().build()), readerSettings,
				new JobStreamKeys(consumer.group(), Duration.ofMinutes(30), readerSettings.keyRefresh(), Clock.systemUTC()), Clock.systemUTC(),
				this.registry);
		this.readers.add(reader);
		reader.start();
		return reader;
	}

	/** Publishes {@code count} events, each once the one before was handed over, so each is a batch of its own. */
	private void publishInOwnBatches(String jobId, PipelinedConsumer consumer, int count) {
		for (int i = 1; i <= count; i++) {
			int handed = i;
			this.log.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			await().atMost(AWAIT).until(() -> consumer.handed().size() == handed);
		}
	}

	/** The reader's connection in {@code CLIENT LIST}: {@code id=… name=pneumatic-<group>-reader … cmd=…}. */
	private String readerClient() {
		return this.log.redis()
			.clientList()
			.lines()
			.filter((line) -> line.contains(" name=pneumatic-" + this.group + "-reader "))
			.findFirst()
			.orElse("");
	}

	private long pendingCount(String jobId) {
		return this.log.redis().xpending(EventKeys.stream(jobId), this.group).getCount();
	}

}
