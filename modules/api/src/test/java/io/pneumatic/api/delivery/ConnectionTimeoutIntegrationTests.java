package io.pneumatic.api.delivery;

import java.time.Duration;
import java.util.UUID;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.HubReadiness;
import io.pneumatic.api.testing.RawStompSocket;
import io.pneumatic.api.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections the hub ends by itself: a client whose heart-beats stop, and one with nothing to do.
 * Heart-beats every second here, so that the hub's limit (1.5 intervals plus 100 ms) comes before the
 * embedded broker's own (two intervals).
 */
@HubIntegrationTest(properties = { "pneumatic.delivery.heartbeat=1s", "pneumatic.delivery.heartbeat-grace=100ms",
		"pneumatic.delivery.idle-timeout=3s" })
class ConnectionTimeoutIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@BeforeEach
	void hubIsReady() {
		HubReadiness.awaitReady(this.port);
	}

	@Test
	void aClientThatStopsItsHeartBeatsIsDisconnectedAndOneThatKeepsThemIsNot() throws Exception {
		try (RawStompSocket silent = RawStompSocket.connect(this.port, TestTokens.moderator(), "200,0");
				RawStompSocket beating = RawStompSocket.connect(this.port, TestTokens.moderator(), "200,0")) {
			String connected = silent.awaitFrame("CONNECTED");
			assertThat(connected).as("the hub asks for heart-beats no more often than every second")
				.containsPattern("heart-beat:\\d+,1000\n");
			silent.subscribe("s", "/topic/jobs." + newJob());
			beating.subscribe("s", "/topic/jobs." + newJob());
			String notice = await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
				beating.send("\n");
				return silent.frames().stream().filter((frame) -> frame.startsWith("ERROR")).findFirst().orElse(null);
			}, (frame) -> frame != null);
			assertThat(notice).contains("reason:heartbeat_timeout").contains("\"type\":\"disconnect\"");
			await().atMost(WAIT).until(silent::isClosed);
			beating.assertOpen();
		}
	}

	@Test
	void aConnectionWithNothingToDoIsClosedAfterTheIdleTimeout() throws Exception {
		try (RawStompSocket idle = RawStompSocket.connect(this.port, TestTokens.moderator())) {
			String notice = idle.awaitFrame("ERROR", WAIT);
			assertThat(notice).contains("reason:idle_timeout").contains("\"reason\":\"idle_timeout\"");
			await().atMost(WAIT).until(idle::isClosed);
		}
	}

	private static String newJob() {
		return "t-" + UUID.randomUUID().toString().substring(0, 12);
	}

}
