package io.pneumatic.api.security;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A user's frame budget and connection count are one budget, however many instances its connections
 * are spread over; and without anonymous access, a connection without a token is refused.
 */
@HubIntegrationTest(properties = { "pneumatic.broker.mode=external", "pneumatic.access.frames-per-user=10",
		"pneumatic.access.max-connections-per-user=2" })
class CrossInstanceRateLimitIntegrationTests {

	private static final int FRAMES_EACH = 15;

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Test
	void aUsersFloodIsLimitedAcrossTwoInstances() throws Exception {
		try (ConfigurableApplicationContext second = SecondInstance.start(this.environment,
				"--pneumatic.broker.mode=external", "--pneumatic.access.frames-per-user=10",
				"--pneumatic.access.max-connections-per-user=2")) {
			int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			String flooder = TestTokens.of("flo", "citizen");
			try (StompTestClient onFirst = StompTestClient.webSocket(this.port).withToken(flooder).listenForErrors();
					StompTestClient onSecond = StompTestClient.webSocket(secondPort).withToken(flooder).listenForErrors();
					StompTestClient neighbour = StompTestClient.webSocket(secondPort)
						.withToken(TestTokens.of("nina", "citizen"))
						.listenForErrors()) {
				// Alone, each connection stays within the user's burst of 20 frames; together they do not.
				for (int i = 0; i < FRAMES_EACH; i++) {
					onFirst.send("/app/noop", "{}");
					onSecond.send("/app/noop", "{}");
					neighbour.send("/app/noop", "{}");
				}
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(onFirst.userErrors().size()
						+ onSecond.userErrors().size()).isGreaterThan(0));
				assertThat(onFirst.userErrors()).allSatisfy((error) -> assertThat(error.get("code").asString()).isEqualTo("RATE_LIMITED"));
				assertThat(onSecond.userErrors()).allSatisfy((error) -> assertThat(error.get("code").asString()).isEqualTo("RATE_LIMITED"));
				await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
					.until(() -> neighbour.userErrors().isEmpty() && neighbour.isConnected());
			}
		}
	}

	@Test
	void aUsersConnectionsAreCountedAcrossTwoInstances() throws Exception {
		try (ConfigurableApplicationContext second = SecondInstance.start(this.environment,
				"--pneumatic.broker.mode=external", "--pneumatic.access.max-connections-per-user=2")) {
			int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			String token = TestTokens.of("connie", "citizen");
			try (StompTestClient first = StompTestClient.webSocket(this.port).withToken(token).connect();
					StompTestClient onSecond = StompTestClient.webSocket(secondPort).withToken(token).connect();
					StompTestClient third = StompTestClient.webSocket(this.port).withToken(token)) {
				assertThatThrownBy(() -> third.connectAsync().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(third.errorCodes()).containsExactly("RATE_LIMITED"));
				assertThat(first.isConnected()).isTrue();
				assertThat(onSecond.isConnected()).isTrue();
				onSecond.disconnect();
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					try (StompTestClient again = StompTestClient.webSocket(this.port).withToken(token)) {
						assertThat(again.connect().isConnected()).isTrue();
					}
				});
			}
		}
	}

	@Test
	void refusesAConnectionWithoutATokenWhenAnonymousAccessIsOff() {
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(null)) {
			assertThatThrownBy(() -> client.connectAsync().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.errorCodes()).containsExactly("AUTH_FAILED"));
		}
	}

}
