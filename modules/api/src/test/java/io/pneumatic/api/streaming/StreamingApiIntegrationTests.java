package io.pneumatic.api.streaming;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streaming REST views: operators see status and statistics, admins see each client with its
 * subscriptions and lag, and nobody else sees either.
 */
@HubIntegrationTest
class StreamingApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	RestClient http;

	@BeforeEach
	void http() {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void adminsSeeEachClientWithItsSubscriptionsAndLag() throws Exception {
		String job = "sa-" + UUID.randomUUID().toString().substring(0, 12);
		String token = TestTokens.of("carla", "moderator");
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(token).connect().subscribeToJob(job, 0L)) {
			for (int i = 0; i < 3; i++) {
				this.publisher.publish(job, "token", Map.of("text", "t" + i));
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.assertExactly(1, 3));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode carla = get("/api/v1/streaming/clients", TestTokens.of("ada", "admin")).getBody()
					.get("clients")
					.valueStream()
					.filter((each) -> each.get("user_id").asString().equals("carla"))
					.findFirst()
					.orElseThrow();
				JsonNode subscription = carla.get("subscriptions").get(0);
				assertThat(subscription.get("destination").asString()).isEqualTo("/topic/jobs." + job);
				assertThat(subscription.get("delivered_seq").asLong()).isEqualTo(3);
				assertThat(subscription.get("lag").asLong()).isZero();
				assertThat(carla.get("messages_sent").asLong()).isGreaterThanOrEqualTo(3);
			});
			JsonNode status = get("/api/v1/streaming/status", TestTokens.of("olga", "operator")).getBody();
			assertThat(status.get("connections").asInt()).isPositive();
			assertThat(status.get("subscriptions").asInt()).isPositive();
			JsonNode statistics = get("/api/v1/streaming/subscriptions", TestTokens.of("olga", "operator")).getBody();
			assertThat(statistics.get("by_family").get("jobs").asLong()).isPositive();
			assertThat(statistics.get("busiest").valueStream().map((each) -> each.get("destination").asString()))
				.contains("/topic/jobs." + job);
		}
	}

	@Test
	void onlyOperatorsAndAdminsSeeTheStreamingViewsAndOnlyAdminsSeeClients() {
		String citizen = TestTokens.of("cid", "citizen");
		String operator = TestTokens.of("olga", "operator");
		assertThat(get("/api/v1/streaming/status", citizen).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/api/v1/streaming/subscriptions", citizen).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/api/v1/streaming/undelivered", citizen).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/api/v1/streaming/clients", operator).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/api/v1/streaming/status", null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("/api/v1/streaming/status", operator).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void workersBroadcastToEveryAuthenticatedClientOnTheSystemTopic() throws Exception {
		try (StompTestClient listener = StompTestClient.webSocket(this.port).withToken(TestTokens.of("cid", "citizen"))) {
			listener.subscribeConfirmed("/topic/system");
			ResponseEntity<JsonNode> sent = post("/api/v1/streaming/broadcast", TestTokens.of("w1", "worker"),
					Map.of("type", "maintenance_notice", "payload", Map.of("message", "upgrading at noon")));
			assertThat(sent.getStatusCode().value()).isEqualTo(202);
			long seq = sent.getBody().get("seq").asLong();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listener.received()).anySatisfy((message) -> {
				assertThat(message.get("stream").asString()).isEqualTo("system");
				assertThat(message.get("type").asString()).isEqualTo("maintenance_notice");
				assertThat(message.get("seq").asLong()).isEqualTo(seq);
				assertThat(message.get("payload").get("message").asString()).isEqualTo("upgrading at noon");
			}));
		}
		assertThat(post("/api/v1/streaming/broadcast", TestTokens.of("cid", "citizen"),
				Map.of("type", "maintenance_notice", "payload", Map.of())).getStatusCode().value()).isEqualTo(403);
		ResponseEntity<JsonNode> hubsOwn = post("/api/v1/streaming/broadcast", TestTokens.of("w1", "worker"),
				Map.of("type", "system_status", "payload", Map.of()));
		assertThat(hubsOwn.getStatusCode().value()).isEqualTo(400);
		assertThat(hubsOwn.getBody().get("code").asString()).isEqualTo("INVALID_BROADCAST");
		ResponseEntity<JsonNode> notAnObject = post("/api/v1/streaming/broadcast", TestTokens.of("w1", "worker"),
				Map.of("type", "maintenance_notice", "payload", "text"));
		assertThat(notAnObject.getBody().get("code").asString()).isEqualTo("INVALID_BROADCAST");
	}

	private ResponseEntity<JsonNode> post(String path, String token, Object body) {
		return this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> get(String path, String token) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(path);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

}
