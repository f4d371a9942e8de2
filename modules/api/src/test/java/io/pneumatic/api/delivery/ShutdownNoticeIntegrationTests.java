package io.pneumatic.api.delivery;

import java.time.Duration;
import java.util.UUID;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.RawStompSocket;
import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that shuts down tells each client to come back later, each after its own delay, before
 * it closes the connection.
 */
@HubIntegrationTest(properties = "pneumatic.broker.mode=external")
class ShutdownNoticeIntegrationTests {

	@Autowired
	Environment environment;

	@Test
	void clientsAreToldToReconnectLaterBeforeTheirConnectionCloses() throws Exception {
		ConfigurableApplicationContext second = SecondInstance.start(this.environment, "--pneumatic.broker.mode=external",
				"--pneumatic.delivery.reconnect-after=3s");
		int port = ((WebServerApplicationContext) second).getWebServer().getPort();
		try (RawStompSocket client = RawStompSocket.connect(port, TestTokens.moderator())) {
			client.subscribe("s", "/topic/jobs.sd-" + UUID.randomUUID().toString().substring(0, 8));
			second.close();
			String error = client.awaitFrame("ERROR");
			assertThat(error).contains("reason:server_shutdown");
			JsonNode notice = JsonMapper.shared().readTree(error.substring(error.indexOf("\n\n") + 2, error.indexOf('\0')));
			assertThat(notice.get("type").asString()).isEqualTo("disconnect");
			assertThat(notice.get("reason").asString()).isEqualTo("server_shutdown");
			assertThat(notice.get("reconnect_after_ms").asLong()).isBetween(3000L, 6000L);
			await().atMost(Duration.ofSeconds(10)).until(client::isClosed);
			assertThat(client.closed().getCode()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
		}
		finally {
			second.close();
		}
	}

}
