package io.pneumatic.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.JobOwnership;
import org.jspecify.annotations.Nullable;
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
 * REST follows the same identity and rules as STOMP: a token for everything under {@code /api},
 * a job for its owner, moderators and admins, operations endpoints for operators.
 */
@HubIntegrationTest
class RestSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	JobOwnership jobOwnership;

	RestClient http;

	String alicesJob;

	@BeforeEach
	void alicesJob() {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		this.alicesJob = "r-" + UUID.randomUUID().toString().substring(0, 12);
		this.publisher.publish(this.alicesJob, "status", Map.of("status", "running", "owner", "alice"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.jobOwnership.isOwner(this.alicesJob, "alice"));
	}

	@Test
	void refusesRequestsWithoutAValidTokenWithProblemDetails() {
		ResponseEntity<JsonNode> missing = get("/api/v1/jobs/active", null);
		ResponseEntity<JsonNode> expired = get("/api/v1/jobs/active",
				TestTokens.valid("alice", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), "citizen"));
		ResponseEntity<JsonNode> forged = get("/api/v1/jobs/active", TestTokens.of("alice", "citizen") + "x");

		assertThat(missing.getStatusCode().value()).isEqualTo(401);
		assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(missing.getBody().get("code").asString()).isEqualTo("AUTH_FAILED");
		assertThat(expired.getBody().get("code").asString()).isEqualTo("AUTH_EXPIRED");
		assertThat(forged.getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void aJobIsOpenToItsOwnerAndModeratorsAndMissingForOthers() {
		assertThat(get("/api/v1/jobs/" + this.alicesJob, TestTokens.of("alice", "citizen")).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/api/v1/jobs/" + this.alicesJob, TestTokens.moderator()).getStatusCode().value()).isEqualTo(200);
		ResponseEntity<JsonNode> bob = get("/api/v1/jobs/" + this.alicesJob, TestTokens.of("bob", "citizen"));
		assertThat(bob.getStatusCode().value()).isEqualTo(404);
		assertThat(bob.getBody().get("code").asString()).isEqualTo("JOB_NOT_FOUND");
		assertThat(get("/api/v1/jobs/" + this.alicesJob + "/events", TestTokens.of("bob", "citizen")).getStatusCode().value())
			.isEqualTo(404);
		assertThat(get("/api/v1/jobs/" + this.alicesJob + "/events", TestTokens.of("alice", "citizen")).getBody()
			.get("events")).hasSize(1);
	}

	@Test
	void listsShowACitizenItsOwnJobsOnly() {
		assertThat(ids(get("/api/v1/jobs/active?limit=1000", TestTokens.of("alice", "citizen")))).contains(this.alicesJob);
		assertThat(ids(get("/api/v1/jobs/active?limit=1000", TestTokens.of("bob", "citizen")))).doesNotContain(this.alicesJob);
		assertThat(ids(get("/api/v1/jobs?limit=1000", TestTokens.of("bob", "citizen")))).doesNotContain(this.alicesJob);
		assertThat(ids(get("/api/v1/jobs?limit=1000", TestTokens.moderator()))).contains(this.alicesJob);
	}

	@Test
	void operationsEndpointsNeedAnOperatorButProbesDoNot() {
		assertThat(get("/actuator/prometheus", TestTokens.of("alice", "citizen")).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/actuator/prometheus", null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void theDevelopmentTokenEndpointIssuesWorkingTokens() {
		JsonNode issued = this.http.post()
			.uri("/api/v1/dev/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":\"alice\",\"roles\":[\"citizen\"]}")
			.retrieve()
			.body(JsonNode.class);
		assertThat(get("/api/v1/jobs/" + this.alicesJob, issued.get("token").asString()).getStatusCode().value()).isEqualTo(200);
		assertThat(this.http.post()
			.uri("/api/v1/dev/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":\"alice\",\"roles\":[\"root\"]}")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(400);
	}

	private ResponseEntity<JsonNode> get(String path, @Nullable String token) {
		return this.http.get()
			.uri(path)
			.headers((headers) -> {
				if (token != null) {
					headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
				}
			})
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private static List<String> ids(ResponseEntity<JsonNode> list) {
		return list.getBody().get("jobs").valueStream().map((job) -> job.get("id").asString()).toList();
	}

}
