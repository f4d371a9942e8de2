package io.pneumatic.api.testing;

import java.time.Duration;

import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * Waits until a hub reports ready: its broker relay connects just after start-up, and a CONNECT
 * before that is refused.
 */
public final class HubReadiness {

	private HubReadiness() {
	}

	public static void awaitReady(int port) {
		RestClient http = RestClient.create("http://127.0.0.1:" + port);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get()
				.uri("/actuator/health/readiness")
				.exchange((request, response) -> response.getStatusCode().is2xxSuccessful()));
	}

}
