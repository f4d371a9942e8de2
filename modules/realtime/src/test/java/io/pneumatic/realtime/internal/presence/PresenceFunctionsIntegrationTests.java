package io.pneumatic.realtime.internal.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.PresenceEntity;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.testing.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The presence library on a real Redis: joins, leaves and expiries of entities with several
 * connections, each announced once, and the seq of channel streams.
 */
class PresenceFunctionsIntegrationTests {

	private final RedisClient client = TestRedis.newClient();

	private final EventLogConnections connections = new EventLogConnections(this.client);

	private final PresenceFunctions functions = new PresenceFunctions(this.connections);

	private final JsonMapper json = JsonMapper.builder().build();

	private final RedisPresence presence = new RedisPresence(this.functions, this.json, Duration.ofMillis(500));

	private final RedisChannelEvents channelEvents = new RedisChannelEvents(this.functions, this.json);

	private final RedisCommands<String, String> redis = this.connections.commands();

	private final String channel = "c-" + UUID.randomUUID().toString().substring(0, 8);

	private final PresenceEntity alice = new PresenceEntity("user", "alice", "online", List.of());

	@AfterEach
	void close() {
		this.connections.close();
		this.client.shutdown();
	}

	@Test
	void anEntityJoinsWithItsFirstConnectionAndLeavesWithItsLast() {
		this.presence.announce(this.channel, "tab-1", this.alice);
		this.presence.announce(this.channel, "tab-2", this.alice);
		assertThat(this.presence.online(this.channel)).containsExactly(this.alice);
		this.presence.leave(this.channel, "tab-1");
		assertThat(this.presence.online(this.channel)).containsExactly(this.alice);
		this.presence.leave(this.channel, "tab-2");
		this.presence.leave(this.channel, "tab-2");

		assertThat(this.presence.online(this.channel)).isEmpty();
		assertThat(events()).extracting((event) -> event.getBody().get("type")).containsExactly("join", "leave");
		assertThat(events()).extracting((event) -> event.getBody().get("seq")).containsExactly("1", "2");
		assertThat(events().getLast().getBody().get("payload"))
			.isEqualTo("{\"entity\":{\"type\":\"user\",\"id\":\"alice\",\"status\":\"online\",\"capabilities\":[]},"
					+ "\"reason\":\"left\",\"online\":0}");
	}

	@Test
	void aChangedStatusIsAnnouncedOnceAndARenewalIsNot() {
		PresenceEntity agent = new PresenceEntity("agent", "w-1", "idle", List.of("tos_screening", "commentary"));
		this.presence.announce(this.channel, "w-1", agent);
		this.presence.announce(this.channel, "w-1", agent);
		assertThat(this.presence.renew(this.channel, "w-1")).isTrue();
		this.presence.announce(this.channel, "w-1", agent.withStatus("busy"));

		assertThat(events()).extracting((event) -> event.getBody().get("type")).containsExactly("join", "status");
		assertThat(this.presence.online(this.channel)).containsExactly(agent.withStatus("busy"));
	}

	@Test
	void expiredConnectionsLeaveOnceHoweverManySweepersRace() {
		this.presence.announce(this.channel, "a-1", this.alice);
		this.presence.announce(this.channel, "b-1", new PresenceEntity("service", "indexer", "online", List.of()));
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			List<CompletableFuture<Long>> sweeps = List.of(sweepAsync(), sweepAsync(), sweepAsync());
			return sweeps.stream().mapToLong(CompletableFuture::join).sum() > 0 || this.presence.online(this.channel).isEmpty();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> sweepAsync().join() == 0 && this.presence.online(this.channel).isEmpty());

		assertThat(events()).extracting((event) -> event.getBody().get("type")).containsExactly("join", "join", "leave", "leave");
		assertThat(events().getLast().getBody().get("payload")).contains("\"reason\":\"timeout\"");
		assertThat(this.presence.renew(this.channel, "a-1")).isFalse();
		assertThat(this.redis.sismember(PresenceFunctions.CHANNELS, this.channel)).isFalse();
	}

	@Test
	void channelEventsGetConsecutiveSeqsOfTheirOwnStream() {
		assertThat(this.channelEvents.publish(this.channel, "chat_message", Map.of("from", "alice", "text", "hi"))).isEqualTo(1);
		this.presence.announce(this.channel, "tab-1", this.alice);
		assertThat(this.channelEvents.publish(this.channel, "chat_message", Map.of("from", "alice", "text", "again"))).isEqualTo(2);

		assertThat(events()).extracting((event) -> event.getBody().get("stream") + "#" + event.getBody().get("seq"))
			.containsExactly("channels." + this.channel + "#1", "presence." + this.channel + "#1", "channels." + this.channel + "#2");
	}

	@Test
	void refusesWhatIsNotAnEntity() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.functions.call("presence_announce",
				ScriptOutputType.STATUS, this.channel, "x", "{\"type\":\"robot\",\"id\":\"r\",\"status\":\"on\"}", "1000"))
			.withMessageContaining("INVALID_ENTITY");
		assertThatIllegalArgumentException().isThrownBy(() -> this.channelEvents.publish(this.channel, "Chat", Map.of()))
			.withMessageContaining("INVALID_TYPE");
	}

	@Test
	void reloadsTheLibraryWhenRedisLostIt() {
		this.functions.load();
		this.redis.dispatch(CommandType.FUNCTION, new StatusOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add("DELETE").add(PresenceFunctions.LIBRARY));
		this.presence.announce(this.channel, "tab-1", this.alice);
		assertThat(this.presence.online(this.channel)).containsExactly(this.alice);
	}

	private CompletableFuture<Long> sweepAsync() {
		return CompletableFuture.supplyAsync(() -> this.functions.call("presence_sweep", ScriptOutputType.INTEGER, this.channel));
	}

	/** The events of this test's channel streams, in order. */
	private List<StreamMessage<String, String>> events() {
		return this.redis.xrange(PresenceFunctions.EVENTS, Range.unbounded())
			.stream()
			.filter((event) -> event.getBody().get("stream").endsWith("." + this.channel))
			.toList();
	}

}
