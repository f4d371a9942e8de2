package io.pneumatic.api.channels;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channels over REST and STOMP: a private channel is closed to non-members (subscribe, presence, chat)
 * and open to those invited; the member limit holds under concurrent joins; chat reaches members in order.
 */
@HubIntegrationTest(properties = { "pneumatic.broker.mode=external", "pneumatic.presence.lease=1500ms",
		"pneumatic.presence.sweep-interval=100ms", "pneumatic.presence.relay-lease=1s" })
class ChannelIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aPrivateChannelIsClosedToNonMembersAndOpenToThoseInvited() throws Exception {
		String channel = ChannelTestClient.newChannelId("secret");
		String alice = TestTokens.of("alice", "citizen");
		String carol = TestTokens.of("carol", "citizen");
		ChannelTestClient http = new ChannelTestClient(this.port);
		http.create(channel, "private", 10, alice);

		try (StompTestClient aliceClient = StompTestClient.webSocket(this.port).withToken(alice).listenForErrors();
				StompTestClient carolClient = StompTestClient.webSocket(this.port).withToken(carol).listenForErrors()) {
			aliceClient.subscribe("/topic/channels." + channel, Map.of());
			carolClient.subscribe("/topic/presence." + channel, Map.of());
			carolClient.subscribe("/topic/channels." + channel, Map.of());
			carolClient.send("/app/channels/" + channel + "/send", "{\"text\":\"let me in\"}");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(carolClient.userErrors())
				.extracting((error) -> error.get("code").asString())
				.containsExactly("INVALID_SUBSCRIPTION", "INVALID_SUBSCRIPTION", "INVALID_MESSAGE"));
			assertThat(status(http.get("/channels/" + channel, carol))).isEqualTo(404);
			assertThat(status(http.get("/presence/" + channel, carol))).isEqualTo(404);
			assertThat(status(http.get("/channels/" + channel + "/members", carol))).isEqualTo(404);
			assertThat(status(http.post("/channels/" + channel + "/join", "", carol))).isEqualTo(404);
			assertThat(status(http.post("/channels/" + channel + "/members", "{\"user_id\":\"carol\"}", carol))).isEqualTo(404);
			assertThat(http.get("/channels", carol).getBody().get("channels").valueStream()
				.map((seen) -> seen.get("id").asString())).doesNotContain(channel);

			ResponseEntity<JsonNode> invited = http.post("/channels/" + channel + "/members", "{\"user_id\":\"carol\"}", alice);
			assertThat(status(invited)).isEqualTo(201);
			assertThat(invited.getBody().get("members").asInt()).isEqualTo(2);
			carolClient.subscribe("/topic/channels." + channel, Map.of());
			await().atMost(Duration.ofSeconds(5)).until(() -> status(http.get("/presence/" + channel, carol)) == 200
					&& http.get("/presence/" + channel, carol).getBody().get("online").asInt() == 2);
			carolClient.send("/app/channels/" + channel + "/send", "{\"text\":\"thanks for the invite\"}");
			await().atMost(Duration.ofSeconds(5)).until(() -> !chat(aliceClient, channel).isEmpty());
			JsonNode message = chat(aliceClient, channel).getFirst();
			assertThat(message.get("payload").get("from").asString()).isEqualTo("carol");
			assertThat(message.get("payload").get("text").asString()).isEqualTo("thanks for the invite");
			assertThat(carolClient.userErrors()).hasSize(3);
			assertThat(memberEvents(aliceClient, channel)).singleElement().satisfies((joined) -> {
				assertThat(joined.get("type").asString()).isEqualTo("member_joined");
				assertThat(joined.get("payload").get("user").asString()).isEqualTo("carol");
				assertThat(joined.get("payload").get("members").asInt()).isEqualTo(2);
			});
		}
	}

	@Test
	void onlyTheOwnerOrAnAdminInvites() {
		String channel = ChannelTestClient.newChannelId("club");
		ChannelTestClient http = new ChannelTestClient(this.port);
		http.create(channel, "private", 10, TestTokens.of("olga", "citizen"));
		http.post("/channels/" + channel + "/members", "{\"user_id\":\"mia\"}", TestTokens.of("ada", "admin"));

		ResponseEntity<JsonNode> refused = http.post("/channels/" + channel + "/members", "{\"user_id\":\"max\"}",
				TestTokens.of("mia", "citizen"));
		assertThat(status(refused)).isEqualTo(403);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("NOT_CHANNEL_OWNER");
	}

	@Test
	void concurrentJoinsNeverPassTheMemberLimit() throws Exception {
		String channel = ChannelTestClient.newChannelId("small");
		ChannelTestClient http = new ChannelTestClient(this.port);
		http.create(channel, "public", 5, TestTokens.of("owner", "citizen"));
		List<Callable<ResponseEntity<JsonNode>>> joins = IntStream.range(0, 20)
			.mapToObj((n) -> (Callable<ResponseEntity<JsonNode>>) () -> http.post("/channels/" + channel + "/join", "",
					TestTokens.of("joiner-" + n, "citizen")))
			.toList();
		List<ResponseEntity<JsonNode>> answers;
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			answers = threads.invokeAll(joins).stream().map(ChannelIntegrationTests::result).toList();
		}

		assertThat(answers.stream().filter((answer) -> status(answer) == 200)).hasSize(4);
		assertThat(answers.stream().filter((answer) -> status(answer) == 409))
			.hasSize(16)
			.allSatisfy((refused) -> assertThat(refused.getBody().get("code").asString()).isEqualTo("CHANNEL_FULL"));
		String owner = TestTokens.of("owner", "citizen");
		assertThat(http.get("/channels/" + channel, owner).getBody().get("member_count").asInt()).isEqualTo(5);
		assertThat(http.get("/channels/" + channel + "/members", owner).getBody().get("members").size()).isEqualTo(5);
	}

	@Test
	void chatReachesMembersInOrderWithConsecutiveSeqs() throws Exception {
		String channel = ChannelTestClient.newChannelId("chat");
		String alice = TestTokens.of("alice", "citizen");
		String bob = TestTokens.of("bob", "citizen");
		ChannelTestClient http = new ChannelTestClient(this.port);
		http.create(channel, "public", 10, alice);
		assertThat(status(http.post("/channels/" + channel + "/join", "", bob))).isEqualTo(200);
		int messages = 50;
		try (StompTestClient aliceClient = StompTestClient.webSocket(this.port).withToken(alice).listenForErrors();
				StompTestClient bobClient = StompTestClient.webSocket(this.port).withToken(bob).listenForErrors()) {
			bobClient.subscribe("/topic/channels." + channel, Map.of());
			aliceClient.subscribe("/topic/presence." + channel, Map.of());
			await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/presence/" + channel, alice).getBody().get("online").asInt() == 2);
			for (int n = 0; n < messages; n++) {
				aliceClient.send("/app/channels/" + channel + "/send", "{\"text\":\"message " + n + "\"}");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> chat(bobClient, channel).size() == messages);

			List<JsonNode> received = chat(bobClient, channel);
			assertThat(received).extracting((event) -> event.get("payload").get("text").asString())
				.containsExactlyElementsOf(IntStream.range(0, messages).mapToObj((n) -> "message " + n).toList());
			long first = received.getFirst().get("seq").asLong();
			assertThat(received).extracting((event) -> event.get("seq").asLong())
				.containsExactlyElementsOf(IntStream.range(0, messages).mapToObj((n) -> first + n).toList());
			assertThat(received.getFirst().get("stream").asString()).isEqualTo("channels." + channel);
			assertThat(aliceClient.userErrors()).isEmpty();

			aliceClient.send("/app/channels/" + channel + "/send", "{\"text\":\"\"}");
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(aliceClient.userErrors())
				.extracting((error) -> error.get("code").asString()).containsExactly("INVALID_MESSAGE"));
		}
	}

	@Test
	void aPresenceChannelHasNoChat() throws Exception {
		String watcher = TestTokens.of("wes", "citizen");
		ChannelTestClient http = new ChannelTestClient(this.port);
		http.post("/channels/agents/join", "", watcher);
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(watcher).listenForErrors()) {
			client.send("/app/channels/agents/send", "{\"text\":\"hello agents\"}");
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.userErrors()).singleElement()
				.satisfies((error) -> assertThat(error.get("message").asString()).contains("presence only")));
		}
	}

	private static List<JsonNode> chat(StompTestClient client, String channel) {
		return client.received()
			.stream()
			.filter((event) -> event.get("stream").asString().equals("channels." + channel))
			.filter((event) -> event.get("type").asString().equals("chat_message"))
			.toList();
	}

	private static List<JsonNode> memberEvents(StompTestClient client, String channel) {
		return client.received()
			.stream()
			.filter((event) -> event.get("stream").asString().equals("channels." + channel))
			.filter((event) -> event.get("type").asString().startsWith("member_"))
			.toList();
	}

	private static int status(ResponseEntity<JsonNode> response) {
		return response.getStatusCode().value();
	}

	private static <T> T result(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
