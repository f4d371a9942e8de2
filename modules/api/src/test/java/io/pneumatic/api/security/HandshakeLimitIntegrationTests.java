package io.pneumatic.api.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

import io.pneumatic.api.testing.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes per IP address are limited (here to 3 a minute): beyond that the hub answers 429 with
 * {@code Retry-After} before any WebSocket opens.
 */
@HubIntegrationTest(properties = "pneumatic.access.handshakes-per-ip=3")
class HandshakeLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void answersTooManyRequestsBeyondTheLimit() {
		try (HttpClient http = HttpClient.newHttpClient()) {
			Integer refusedWith = null;
			for (int attempt = 0; attempt < 4 && refusedWith == null; attempt++) {
				try {
					http.newWebSocketBuilder()
						.buildAsync(URI.create("ws://localhost:" + this.port + "/ws/websocket"), new WebSocket.Listener() {
						})
						.join()
						.abort();
				}
				catch (CompletionException ex) {
					if (ex.getCause() instanceof WebSocketHandshakeException refused) {
						refusedWith = refused.getResponse().statusCode();
						assertThat(refused.getResponse().headers().firstValue("Retry-After")).isPresent();
					}
					else {
						throw ex;
					}
				}
			}
			assertThat(refusedWith).isEqualTo(429);
		}
	}

}
