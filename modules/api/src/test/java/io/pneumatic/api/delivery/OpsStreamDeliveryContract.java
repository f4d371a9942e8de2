package io.pneumatic.api.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisCommandExecutionException;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.messaging.simp.stomp.StompHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What every broker must deliver of ops streams: an event published with plain Redis commands reaches
 * the subscribers whose broker wildcard matches its destination, with the envelope and relay headers,
 * and no one else. Run against embedded Artemis and against RabbitMQ.
 */
abstract class OpsStreamDeliveryContract {

	static final Duration AWAIT = Duration.ofSeconds(30);

	static final String ALERT = "{\"alert_id\":\"a-17\",\"severity\":\"critical\",\"metric\":\"gpu_temperature_c\","
			+ "\"value\":94,\"threshold\":90,\"message\":\"GPU 3 on node-2 is at 94 °C\"}";

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Test
	void anOpsEventPublishedWithPlainRedisReachesWildcardSubscribersOnly() throws Exception {
		String cluster = newCluster();
		try (PlainRedisWorker worker = new PlainRedisWorker(this.environment);
				StompTestClient byType = operator().subscribeConfirmed("/topic/ops.*.production.alert_fired");
				StompTestClient byCluster = operator().subscribeConfirmed("/topic/ops." + cluster + ".#");
				StompTestClient otherNamespace = operator().subscribeConfirmed("/topic/ops." + cluster + ".staging.#");
				StompTestClient otherType = operator().subscribeConfirmed("/topic/ops.*.production.alert_resolved")) {
			List<Object> alert = worker.publishOps(cluster, "production", "alert_fired", ALERT);
			worker.publishOps(cluster, "production", "metric_update",
					"{\"node\":\"node-2\",\"metric\":\"gpu_temperature_c\",\"value\":94,\"unit\":\"celsius\",\"threshold\":90}");
			worker.publishOps(cluster, "production", "gpu_update", "{\"node\":\"node-2\",\"gpu\":3,\"utilization\":99}");

			await().atMost(AWAIT).until(() -> ofCluster(byCluster, cluster).size() == 3);
			await().atMost(AWAIT).until(() -> ofCluster(byType, cluster).size() == 1);
			assertThat(ofCluster(byCluster, cluster)).extracting((event) -> event.get("type").asString())
				.containsExactly("alert_fired", "metric_update", "gpu_update");
			assertThat(ofCluster(byCluster, cluster)).extracting((event) -> event.get("seq").asLong()).containsExactly(1L, 2L, 3L);

			JsonNode event = ofCluster(byType, cluster).getFirst();
			assertThat(event.get("stream").asString()).isEqualTo("ops." + cluster + ".production");
			assertThat(event.get("seq").asLong()).isEqualTo(1L);
			assertThat(event.get("type").asString()).isEqualTo("alert_fired");
			assertThat(event.get("ts").asString()).isEqualTo(alert.get(1));
			assertThat(event.get("payload")).isEqualTo(JsonMapper.builder().build().readTree(ALERT));
			StompHeaders headers = headersOf(byType, "/topic/ops." + cluster + ".production.alert_fired");
			assertThat(headers.getFirst("seq")).isEqualTo("1");
			assertThat(headers.getFirst("event-type")).isEqualTo("alert_fired");
			assertThat(headers.getFirst("published-at"))
				.isEqualTo(Long.toString(Instant.parse((String) alert.get(1)).toEpochMilli()));
			assertThat(headers.getFirst("critical")).isEqualTo("true");

			// Published after the others: once it arrived, anything misrouted would have arrived too.
			worker.publishOps(cluster, "production", "trace_received", "{\"trace_id\":\"t-1\"}");
			await().atMost(AWAIT).until(() -> ofCluster(byCluster, cluster).size() == 4);
			assertThat(ofCluster(otherNamespace, cluster)).isEmpty();
			assertThat(ofCluster(otherType, cluster)).isEmpty();
		}
	}

	@Test
	void refusesBadOpsInputAndWritesNothing() throws Exception {
		String cluster = newCluster();
		try (PlainRedisWorker worker = new PlainRedisWorker(this.environment);
				StompTestClient watcher = operator().subscribeConfirmed("/topic/ops." + cluster + ".#")) {
			assertRefused(() -> worker.publishOps(cluster, "production", "token", "{\"text\":\"x\"}"), "UNKNOWN_TYPE");
			assertRefused(() -> worker.publishOps(cluster, "production", "alert_fired", "[\"not\",\"an\",\"object\"]"),
					"INVALID_PAYLOAD");
			assertRefused(() -> worker.publishOps(cluster, "production", "chat_message",
					"{\"user\":\"ana\",\"text\":\"" + "x".repeat(70_000) + "\"}"), "PAYLOAD_TOO_LARGE");
			assertRefused(() -> worker.publishOps(cluster, "prod.uction", "chat_message", "{\"user\":\"ana\",\"text\":\"hi\"}"),
					"INVALID_STREAM");
			assertRefused(() -> worker.publishOps(cluster + "!", "production", "chat_message", "{\"user\":\"ana\",\"text\":\"hi\"}"),
					"INVALID_STREAM");

			assertThat(worker.redis().keys("ops:{" + cluster + "*")).isEmpty();
			assertThat(worker.redis().zrange("ops:streams", 0, -1)).noneMatch((member) -> member.startsWith(cluster));
			worker.publishOps(cluster, "production", "chat_message", "{\"user\":\"ana\",\"text\":\"hi\"}");
			await().atMost(AWAIT).until(() -> ofCluster(watcher, cluster).size() == 1);
			assertThat(ofCluster(watcher, cluster).getFirst().get("seq").asLong()).isEqualTo(1L);
		}
	}

	StompTestClient operator() {
		return StompTestClient.webSocket(this.port).withToken(TestTokens.of("ops-" + UUID.randomUUID(), "operator"));
	}

	static String newCluster() {
		return "t-" + UUID.randomUUID().toString().substring(0, 12);
	}

	/** What a client received of one cluster (tests share the broker). */
	static List<JsonNode> ofCluster(StompTestClient client, String cluster) {
		return client.received().stream()
			.filter((event) -> event.get("stream").asString().startsWith("ops." + cluster + "."))
			.toList();
	}

	static StompHeaders headersOf(StompTestClient client, String destination) {
		await().atMost(AWAIT)
			.until(() -> client.receivedHeaders().stream().anyMatch((headers) -> destination.equals(headers.getDestination())));
		return client.receivedHeaders().stream()
			.filter((headers) -> destination.equals(headers.getDestination()))
			.findFirst()
			.orElseThrow();
	}

	private static void assertRefused(Runnable call, String reason) {
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(call::run)
			.withMessageStartingWith("ERR " + reason + " ");
	}

}
