package io.pneumatic.api;

import io.pneumatic.api.testing.TestTokens;
import org.springframework.http.HttpHeaders;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import io.pneumatic.api.testing.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an orchestrator and a metrics scraper see: probes and Prometheus metrics.
 */
@HubIntegrationTest
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/actuator")
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.of("test-operator", "operator"))
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void reportsLiveAndReadyOnceTheDatabaseRedisAndTheBrokerRelayAreUp() {
		assertThat(get("/health/liveness").getStatusCode().value()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/health/readiness").getBody()).contains("\"UP\""));
	}

	@Test
	void exposesPrometheusMetricsOfTheConnectionPoolAndTheJvm() {
		ResponseEntity<String> metrics = get("/prometheus");

		assertThat(metrics.getStatusCode().value()).isEqualTo(200);
		assertThat(metrics.getBody()).contains("hikaricp_connections_max", "jvm_threads_live_threads",
				"http_server_requests");
	}

	private ResponseEntity<String> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(String.class);
	}

}
