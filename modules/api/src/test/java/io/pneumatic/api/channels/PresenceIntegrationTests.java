package io.pneumatic.api.channels;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.JsonNode;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TcpProxy;
import io.pneumatic.api.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence across two instances on one Redis and an external broker (RabbitMQ): a join on one is seen
 * live and over REST on the other; an instance that dies without a word takes its clients offline
 * when their leases run out, announced once; agents announce themselves with plain Redis commands.
 */
@HubIntegrationTest(properties = { "pneumatic.broker.mode=external", "pneumatic.presence.lease=1500ms",
		"pneumatic.presence.sweep-interval=100ms", "pneumatic.presence.relay-lease=1s" })
class PresenceIntegrationTests {

	private static final Duration LEASE = Duration.ofMillis(1500);

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	RedisConnectionFactory redis;

	@Test
	void aJoinOnOneInstanceIsSeenOnTheOtherAndADeadInstancesMembersLeaveOnce() throws Exception {
		String channel = ChannelTestClient.newChannelId("lobby");
		String alice = TestTokens.of("alice", "citizen");
		String bob = TestTokens.of("bob", "citizen");
		ChannelTestClient onFirst = new ChannelTestClient(this.port);
		onFirst.create(channel, "public", 10, alice);
		int redisPort = Integer.parseInt(this.environment.getProperty("spring.data.redis.port"));
		try (TcpProxy bRedis = TcpProxy.to("127.0.0.1", redisPort);
				ConfigurableApplicationContext second = SecondInstance.start(this.environment,
						"--pneumatic.broker.mode=external", "--pneumatic.presence.lease=1500ms",
						"--pneumatic.presence.sweep-interval=100ms", "--pneumatic.presence.relay-lease=1s",
						"--spring.data.redis.port=" + bRedis.port(), "--spring.data.redis.timeout=1s");
				StompTestClient aliceOnFirst = StompTestClient.webSocket(this.port).withToken(alice)) {
			int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			ChannelTestClient onSecond = new ChannelTestClient(secondPort);
			assertThat(onSecond.post("/channels/" + channel + "/join", "", bob).getStatusCode().value()).isEqualTo(200);
			aliceOnFirst.subscribe("/topic/presence." + channel, Map.of());
			await().atMost(Duration.ofSeconds(5)).until(() -> userIds(onFirst.get("/presence/" + channel, alice).getBody()).contains("alice"));

			StompTestClient bobOnSecond = StompTestClient.webSocket(secondPort).withToken(bob);
			bobOnSecond.subscribe("/topic/channels." + channel, Map.of());
			await().atMost(Duration.ofSeconds(5)).until(() -> presenceEvents(aliceOnFirst, "join", "bob").size() == 1);
			JsonNode join = presenceEvents(aliceOnFirst, "join", "bob").getFirst();
			assertThat(join.get("stream").asString()).isEqualTo("presence." + channel);
			assertThat(join.get("payload").get("entity").get("type").asString()).isEqualTo("user");
			assertThat(join.get("payload").get("online").asInt()).isEqualTo(2);
			assertThat(userIds(onSecond.get("/presence/" + channel, bob).getBody())).containsExactlyInAnyOrder("alice", "bob");

			// The second instance is cut off from Redis, then goes away: no leave can come from it.
			bRedis.cut();
			second.close();
			bobOnSecond.close();
			await().atMost(LEASE.plusSeconds(5)).until(() -> presenceEvents(aliceOnFirst, "leave", "bob").size() == 1);
			assertThat(presenceEvents(aliceOnFirst, "leave", "bob").getFirst().get("payload").get("reason").asString())
				.isEqualTo("timeout");
			assertThat(userIds(onFirst.get("/presence/" + channel, alice).getBody())).containsExactly("alice");
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
				.until(() -> presenceEvents(aliceOnFirst, "leave", "bob").size() == 1);
			assertThat(presenceEvents(aliceOnFirst, "leave", "alice")).isEmpty();
		}
	}

	@Test
	void anAgentAnnouncedWithPlainRedisCommandsIsOnlineWithItsCapabilitiesUntilItLeaves() throws Exception {
		String watcher = TestTokens.of("wanda", "citizen");
		ChannelTestClient http = new ChannelTestClient(this.port);
		assertThat(http.post("/channels/agents/join", "", watcher).getStatusCode().value()).isEqualTo(200);
		String agentId = ChannelTestClient.newChannelId("screener");
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(watcher)) {
			client.subscribe("/topic/presence.agents", Map.of());
			await().atMost(Duration.ofSeconds(5)).until(() -> userIds(http.get("/presence/agents", watcher).getBody()).contains("wanda"));

			String entity = "{\"type\":\"agent\",\"id\":\"" + agentId
					+ "\",\"status\":\"online\",\"capabilities\":[\"tos_screening\",\"commentary\"]}";
			assertThat(fcall(ScriptOutputType.STATUS, "presence_announce", "agents", agentId, entity, "60000")).isEqualTo("joined");
			await().atMost(Duration.ofSeconds(5)).until(() -> presenceEvents(client, "join", agentId).size() == 1);
			JsonNode agents = http.get("/presence/agents?type=agent", watcher).getBody();
			assertThat(agents.get("entities").has("user")).isFalse();
			assertThat(agents.get("entities").get("agent").valueStream()
				.filter((agent) -> agent.get("id").asString().equals(agentId))
				.findFirst()
				.orElseThrow()
				.get("capabilities")
				.valueStream()
				.map(JsonNode::asString)).containsExactly("tos_screening", "commentary");

			assertThat(fcall(ScriptOutputType.INTEGER, "presence_leave", "agents", agentId)).isEqualTo(1L);
			await().atMost(Duration.ofSeconds(5)).until(() -> presenceEvents(client, "leave", agentId).size() == 1);
			assertThat(presenceEvents(client, "leave", agentId).getFirst().get("payload").get("reason").asString()).isEqualTo("left");
		}
	}

	/** Calls a function of the presence library as a worker in any language would. */
	@SuppressWarnings("unchecked")
	private Object fcall(ScriptOutputType type, String function, String... args) throws Exception {
		byte[][] values = Stream.of(args).map((arg) -> arg.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
		try (RedisConnection connection = this.redis.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			return commands.fcall(function, type, new byte[0][], values).get(5, TimeUnit.SECONDS);
		}
	}

	/** The presence events of a type about one entity that a client received. */
	private static List<JsonNode> presenceEvents(StompTestClient client, String type, String entityId) {
		return client.received()
			.stream()
			.filter((event) -> event.get("stream").asString().startsWith("presence."))
			.filter((event) -> event.get("type").asString().equals(type))
			.filter((event) -> event.get("payload").get("entity").get("id").asString().equals(entityId))
			.toList();
	}

	/** The ids of the users online according to {@code GET /api/v1/presence/{channel}}. */
	private static List<String> userIds(JsonNode presence) {
		return presence.get("entities").get("user").valueStream().map((user) -> user.get("id").asString()).toList();
	}

}
