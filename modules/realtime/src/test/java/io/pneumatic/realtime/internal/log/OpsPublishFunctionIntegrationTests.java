package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.EventRejectedException.Reason;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ops publish function called with plain Redis commands, as a worker in any language would, and
 * through {@link io.pneumatic.realtime.OpsEventPublisher}.
 */
class OpsPublishFunctionIntegrationTests {

	private static final String GPU = "{\"node\":\"node-1\",\"gpu\":0,\"utilization\":87.5,\"memory_used_mb\":30000,"
			+ "\"memory_total_mb\":81920,\"temperature_c\":71}";

	private final TestEventLog log = new TestEventLog().load(new EventSettings(256, 1_000_000, Duration.ofMillis(300)),
			TestEventLog.retention(), new OpsStreamSettings(10, Duration.ofMinutes(5)), List.of("relay"));

	private final RedisCommands<String, String> redis = this.log.redis();

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void appendsOpsEventsWithConsecutiveSeqsPerStream() {
		String cluster = this.log.newCluster();

		List<Object> first = this.log.publishOps(cluster, "production", "alert_fired",
				"{\"alert_id\":\"a-1\",\"severity\":\"critical\",\"metric\":\"gpu_temp\"}");
		List<Object> second = this.log.publishOps(cluster, "production", "alert_resolved", "{\"alert_id\":\"a-1\"}");
		List<Object> otherNamespace = this.log.publishOps(cluster, "staging", "cluster_status_changed", "{\"status\":\"degraded\"}");

		assertThat(List.of(first.get(0), second.get(0), otherNamespace.get(0))).containsExactly(1L, 2L, 1L);
		List<StreamMessage<String, String>> entries = this.redis.xrange(OpsKeys.stream(cluster, "production"),
				Range.create("-", "+"));
		assertThat(entries).extracting(StreamMessage::getId).containsExactly("1-0", "2-0");
		assertThat(entries.getFirst().getBody()).containsEntry("type", "alert_fired").containsEntry("ts", (String) first.get(1));
		assertThat(this.redis.zscore(OpsKeys.STREAMS, cluster + ".production")).isNotNull();
		assertThat(this.redis.ttl(OpsKeys.stream(cluster, "production"))).isBetween(1L, 300L);
		List<StreamMessage<String, String>> wakeups = this.redis.xrevrange(OpsKeys.WAKEUP, Range.create("-", "+"), Limit.from(50));
		assertThat(wakeups).filteredOn((entry) -> (cluster + ".production").equals(entry.getBody().get("stream"))).hasSize(1);
	}

	@Test
	void keepsTheLatestGpuUpdatePerGpu() {
		String cluster = this.log.newCluster();

		this.log.publishOps(cluster, "production", "gpu_update", GPU.replace("87.5", "10"));
		List<Object> latest = this.log.publishOps(cluster, "production", "gpu_update", GPU);
		this.log.publishOps(cluster, "training", "gpu_update", GPU.replace("\"gpu\":0", "\"gpu\":1"));

		Map<String, String> gpus = this.redis.hgetall(OpsKeys.gpus(cluster));
		assertThat(gpus).containsOnlyKeys("node-1/0", "node-1/1");
		JsonNode gpu = this.json.readTree(gpus.get("node-1/0"));
		assertThat(gpu.get("namespace").asString()).isEqualTo("production");
		assertThat(gpu.get("ts").asString()).isEqualTo(latest.get(1));
		assertThat(gpu.get("payload").get("utilization").asDouble()).isEqualTo(87.5);
	}

	@Test
	void capsTheStream() {
		String cluster = this.log.newCluster();

		for (int i = 0; i < 500; i++) {
			this.log.publishOps(cluster, "production", "trace_received", "{\"trace_id\":\"t-" + i + "\"}");
		}

		// MAXLEN ~ trims whole stream nodes (100 entries by default), so some more than 10 stay.
		assertThat(this.redis.xlen(OpsKeys.stream(cluster, "production"))).isLessThan(200);
		assertThat(this.redis.xrevrange(OpsKeys.stream(cluster, "production"), Range.create("-", "+"), Limit.from(1)))
			.extracting(StreamMessage::getId)
			.containsExactly("500-0");
	}

	@Test
	void refusesInvalidOpsEventsAndWritesNothing() {
		String cluster = this.log.newCluster();
		this.log.publishOps(cluster, "production", "chat_message", "{\"user\":\"ana\",\"text\":\"hi\"}");

		assertRefused(() -> this.log.publishOps(cluster, "production", "token", "{\"text\":\"x\"}"), "UNKNOWN_TYPE");
		assertRefused(() -> this.log.publishOps(cluster, "production", "alert_fired", "[1,2]"), "INVALID_PAYLOAD");
		assertRefused(() -> this.log.publishOps(cluster, "production", "alert_fired", "not json"), "INVALID_PAYLOAD");
		assertRefused(() -> this.log.publishOps(cluster, "production", "alert_fired",
				"{\"alert_id\":\"" + "x".repeat(300) + "\",\"severity\":\"info\",\"metric\":\"m\"}"), "PAYLOAD_TOO_LARGE");
		assertRefused(() -> this.log.publishOps(cluster, "production", "alert_fired", "{\"alert_id\":\"a\"}"), "MISSING_FIELD");
		assertRefused(() -> this.log.publishOps(cluster, "production", "gpu_update", "{\"node\":{},\"gpu\":0}"),
				"INVALID_PAYLOAD");
		assertRefused(() -> this.redis.fcall(this.log.library().publishOpsFunction(), ScriptOutputType.MULTI,
				new String[] { "ops:{" + cluster + "}:pro.duction:events", OpsKeys.gpus(cluster), OpsKeys.STREAMS, OpsKeys.WAKEUP },
				"chat_message", "{\"user\":\"ana\",\"text\":\"hi\"}"), "INVALID_STREAM");
		assertRefused(() -> this.redis.fcall(this.log.library().publishOpsFunction(), ScriptOutputType.MULTI,
				new String[] { OpsKeys.stream(cluster, "production"), OpsKeys.gpus("other"), OpsKeys.STREAMS, OpsKeys.WAKEUP },
				"chat_message", "{\"user\":\"ana\",\"text\":\"hi\"}"), "INVALID_STREAM");

		assertThat(this.redis.xlen(OpsKeys.stream(cluster, "production"))).isEqualTo(1);
		assertThat(this.redis.exists(OpsKeys.gpus(cluster))).isZero();
		assertThat(this.redis.exists("ops:{" + cluster + "}:pro.duction:events")).isZero();
	}

	@Test
	void theJavaPublisherRefusesBadNamesBeforeCallingRedis() {
		RedisEventPublisher publisher = new RedisEventPublisher(this.log.connections(), this.log.library(), this.json,
				TestEventLog.eventSettings());
		String cluster = this.log.newCluster();

		EventEnvelope event = publisher.publish(cluster, "production", "metric_update",
				Map.of("node", "node-1", "metric", "cpu", "value", 0.93, "unit", "ratio", "threshold", 0.9));

		assertThat(event.stream()).isEqualTo("ops." + cluster + ".production");
		assertThat(event.seq()).isEqualTo(1L);
		assertThat(event.isOps()).isTrue();
		assertThatExceptionOfType(EventRejectedException.class)
			.isThrownBy(() -> publisher.publish(cluster, "prod.eu", "metric_update", Map.of()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_STREAM));
		assertThatExceptionOfType(EventRejectedException.class)
			.isThrownBy(() -> publisher.publish(cluster, "production", "done", Map.of("status", "ok")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNKNOWN_TYPE));
		assertThat(this.redis.xlen(OpsKeys.stream(cluster, "production"))).isEqualTo(1);
	}

	private static void assertRefused(Runnable call, String reason) {
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(call::run)
			.withMessageStartingWith("ERR " + reason + " ");
	}

}
