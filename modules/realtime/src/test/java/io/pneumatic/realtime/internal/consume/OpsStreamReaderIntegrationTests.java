package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.internal.log.EventEntryMapper;
import io.pneumatic.realtime.internal.log.OpsKeys;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer-group readers on ops streams ({@link OpsStreamKeys}): new streams are found through
 * {@code ops:wakeup}, the group is created on them, and each event reaches one instance.
 */
class OpsStreamReaderIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(15);

	private final String group = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final TestEventLog log = new TestEventLog()
		.load(TestEventLog.eventSettings(), TestEventLog.retention(), List.of());

	private final ConsumerSettings settings = new ConsumerSettings(50, Duration.ofMillis(200), Duration.ofMillis(500),
			Duration.ofSeconds(15), Duration.ofMillis(200), Duration.ofMillis(300));

	private final List<ConsumerGroupReader> readers = new ArrayList<>();

	@AfterEach
	void close() throws InterruptedException {
		this.readers.forEach(ConsumerGroupReader::requestStop);
		for (ConsumerGroupReader reader : this.readers) {
			reader.awaitStop(Duration.ofSeconds(5));
		}
		if (this.log.redis().exists(OpsKeys.WAKEUP) == 1) {
			this.log.redis().xgroupDestroy(OpsKeys.WAKEUP, this.group);
		}
		this.log.close();
	}

	@Test
	void deliversEachOpsEventOnceAcrossTwoInstancesWithItsStreamName() {
		RecordingConsumer first = new RecordingConsumer(this.group);
		RecordingConsumer second = new RecordingConsumer(this.group);
		start(first, "instance-a");
		start(second, "instance-b");
		String cluster = this.log.newCluster();

		for (int i = 0; i < 100; i++) {
			this.log.publishOps(cluster, "production", "metric_update",
					"{\"node\":\"n1\",\"metric\":\"cpu\",\"value\":" + i + "}");
			this.log.publishOps(cluster, "staging", "trace_received", "{\"trace_id\":\"t" + i + "\"}");
		}

		await().atMost(AWAIT).until(() -> first.consumed().size() + second.consumed().size() >= 200);
		List<EventEnvelope> all = new ArrayList<>(first.consumed());
		all.addAll(second.consumed());
		assertThat(all).extracting((event) -> event.stream() + "#" + event.seq()).hasSize(200).doesNotHaveDuplicates();
		assertThat(all).extracting(EventEnvelope::stream)
			.containsOnly("ops." + cluster + ".production", "ops." + cluster + ".staging");
		assertThat(all).filteredOn((event) -> event.stream().endsWith(".staging"))
			.allSatisfy((event) -> assertThat(event.type()).isEqualTo("trace_received"));
		await().atMost(AWAIT)
			.until(() -> this.log.redis().xpending(OpsKeys.stream(cluster, "production"), this.group).getCount() == 0
					&& this.log.redis().xpending(OpsKeys.stream(cluster, "staging"), this.group).getCount() == 0);
	}

	private void start(RecordingConsumer consumer, String instanceId) {
		ConsumerGroupReader reader = new ConsumerGroupReader(consumer, instanceId, this.log.connections(),
				new EventEntryMapper(JsonMapper.builder().build()), this.settings,
				new OpsStreamKeys(this.group, Duration.ofMinutes(5), this.settings.keyRefresh(), Clock.systemUTC()),
				Clock.systemUTC(), new SimpleMeterRegistry());
		this.readers.add(reader);
		reader.start();
	}

}
