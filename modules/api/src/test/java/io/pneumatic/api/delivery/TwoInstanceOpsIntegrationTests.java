package io.pneumatic.api.delivery;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.OpsEventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.messaging.simp.stomp.StompHeaders;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hub instances on one Redis and one external broker (RabbitMQ): each ops event reaches the broker
 * once, and one instance at a time produces {@code /topic/system} with both instances' health and the
 * GPU stats of the ops clusters.
 */
@HubIntegrationTest(properties = { "pneumatic.broker.mode=external", "pneumatic.system.interval=500ms" })
class TwoInstanceOpsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	private static ConfigurableApplicationContext secondInstance;

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	OpsEventPublisher publisher;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void startSecondInstance() {
		if (secondInstance == null) {
			secondInstance = SecondInstance.start(this.environment, "--pneumatic.broker.mode=external",
					"--pneumatic.system.interval=500ms", "--pneumatic.instance-id=second-ops-instance");
		}
	}

	@AfterAll
	static void stopSecondInstance() {
		if (secondInstance != null) {
			secondInstance.close();
			secondInstance = null;
		}
	}

	@Test
	void eachOpsEventReachesTheBrokerOnceAndEverySubscriberAtMostOnce() throws Exception {
		String cluster = OpsStreamDeliveryContract.newCluster();
		int secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
		MeterRegistry firstMeters = this.meters;
		MeterRegistry secondMeters = secondInstance.getBean(MeterRegistry.class);
		double droppedOnFirst = droppedOps(firstMeters);
		double droppedOnSecond = droppedOps(secondMeters);
		try (BrokerTap tap = new BrokerTap(this.environment.getRequiredProperty("pneumatic.broker.host"),
				this.environment.getRequiredProperty("pneumatic.broker.port", Integer.class), "/topic/ops." + cluster + ".#");
				StompTestClient onFirst = operator(StompTestClient.webSocket(this.port))
					.subscribeConfirmed("/topic/ops." + cluster + ".*.metric_update");
				StompTestClient onSecond = operator(StompTestClient.sockJs(secondPort))
					.subscribeConfirmed("/topic/ops.*.production.#")) {
			for (int i = 1; i <= 500; i++) {
				this.publisher.publish(cluster, "production", "metric_update",
						Map.of("node", "node-" + (i % 4), "metric", "cpu_utilization", "value", i % 100, "unit", "percent",
								"threshold", 90));
			}
			List<Long> expected = LongStream.rangeClosed(1, 500).boxed().toList();
			await().atMost(AWAIT).until(() -> new HashSet<>(tap.seqs()).size() == 500);
			// Ops streams are telemetry: a subscriber that falls behind in a burst loses the oldest, counted.
			await().atMost(AWAIT).until(() -> seqs(onFirst, cluster).size() + droppedOps(firstMeters) - droppedOnFirst >= 500
					&& seqs(onSecond, cluster).size() + droppedOps(secondMeters) - droppedOnSecond >= 500);
			assertThat(tap.seqs()).hasSize(500).doesNotHaveDuplicates();
			assertThat(seqs(onFirst, cluster)).doesNotHaveDuplicates().isSubsetOf(expected);
			assertThat(seqs(onSecond, cluster)).doesNotHaveDuplicates().isSubsetOf(expected);
		}
	}

	private static double droppedOps(MeterRegistry meters) {
		Counter dropped = meters.find("ws.events.dropped").tag("family", "ops").counter();
		return (dropped != null) ? dropped.count() : 0;
	}

	@Test
	void oneInstanceSendsTheSystemStatusWithBothInstancesAndTheGpuStats() throws Exception {
		String cluster = OpsStreamDeliveryContract.newCluster();
		this.publisher.publish(cluster, "training", "gpu_update", gpu("node-1", 0, 80, 40_000, 71));
		this.publisher.publish(cluster, "training", "gpu_update", gpu("node-1", 1, 60, 20_000, 65));
		this.publisher.publish(cluster, "inference", "gpu_update", gpu("node-2", 0, 30, 10_000, 83));
		this.publisher.publish(cluster, "training", "gpu_update", gpu("node-1", 0, 90, 50_000, 75));
		try (StompTestClient viewer = StompTestClient.webSocket(this.port)
			.withToken(TestTokens.of("viewer-" + UUID.randomUUID()))
			.subscribeConfirmed("/topic/system")) {
			await().atMost(AWAIT).until(() -> statusWith(viewer, cluster).size() >= 3);

			JsonNode status = statusWith(viewer, cluster).getLast();
			assertThat(status.get("stream").asString()).isEqualTo("system");
			assertThat(status.get("type").asString()).isEqualTo("system_status");
			JsonNode payload = status.get("payload");
			assertThat(payload.get("status").asString()).isEqualTo("UP");
			assertThat(payload.get("instances")).extracting((instance) -> instance.get("id").asString())
				.contains("second-ops-instance")
				.hasSizeGreaterThanOrEqualTo(2);
			assertThat(payload.at("/components/redis").asString()).isEqualTo("UP");
			assertThat(payload.at("/components/db").asString()).isEqualTo("UP");
			assertThat(payload.at("/components/brokerRelay").asString()).isEqualTo("UP");
			JsonNode gpus = payload.at("/gpus/clusters/" + cluster);
			assertThat(gpus.get("gpus").asInt()).isEqualTo(3);
			assertThat(gpus.get("avg_utilization").asDouble()).isEqualTo(60.0);
			assertThat(gpus.get("memory_used_mb").asLong()).isEqualTo(80_000);
			assertThat(gpus.get("memory_total_mb").asLong()).isEqualTo(3 * 81_920);
			assertThat(gpus.get("max_temperature_c").asDouble()).isEqualTo(83.0);
			assertThat(payload.at("/gpus/total/gpus").asInt()).isGreaterThanOrEqualTo(3);

			List<JsonNode> all = viewer.received();
			assertThat(all).extracting((message) -> message.at("/payload/producer").asString()).containsOnly(
					payload.get("producer").asString());
			List<Long> seqs = all.stream().map((message) -> message.get("seq").asLong()).toList();
			assertThat(seqs).isSorted().doesNotHaveDuplicates();
			StompHeaders headers = viewer.receivedHeaders().getLast();
			assertThat(headers.getFirst("event-type")).isEqualTo("system_status");
			assertThat(headers.getFirst("seq")).isNotNull();
		}
	}

	private static StompTestClient operator(StompTestClient client) {
		return client.withToken(TestTokens.of("ops-" + UUID.randomUUID(), "operator"));
	}

	private static List<Long> seqs(StompTestClient client, String cluster) {
		return OpsStreamDeliveryContract.ofCluster(client, cluster).stream().map((event) -> event.get("seq").asLong()).toList();
	}

	/** The system status messages that count every GPU of {@code cluster}. */
	private static List<JsonNode> statusWith(StompTestClient client, String cluster) {
		return client.received().stream()
			.filter((message) -> message.at("/payload/gpus/clusters/" + cluster + "/gpus").asInt() == 3)
			.toList();
	}

	private static Map<String, Object> gpu(String node, int gpu, double utilization, int memoryUsedMb, double temperature) {
		return Map.of("node", node, "gpu", gpu, "utilization", utilization, "memory_used_mb", memoryUsedMb,
				"memory_total_mb", 81_920, "temperature_c", temperature);
	}

}
