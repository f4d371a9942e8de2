package io.pneumatic.api.queues;

import java.time.Duration;
import java.util.List;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.queue.Claim;
import io.pneumatic.queue.QueueEngine;
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
 * Submitting work over REST: a job, a topic, a post, a private message; the queues' snapshot; dead
 * letters for operators.
 */
@HubIntegrationTest(properties = "pneumatic.queue.max-attempts=1")
class QueueApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	QueueEngine queue;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/api/v1")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void aSubmittedJobIsRecordedForItsOwnerAndQueued() {
		String alice = TestTokens.of("alice", "citizen");
		ResponseEntity<JsonNode> accepted = post("/jobs", "{\"type\":\"summarize\",\"params\":{\"doc\":7},\"lane\":\"reports\"}", alice);

		assertThat(accepted.getStatusCode().value()).isEqualTo(202);
		JsonNode body = accepted.getBody();
		assertThat(body.get("lane").asString()).isEqualTo("reports");
		assertThat(body.get("position").asInt()).isZero();
		assertThat(body.get("estimated_completion").isNull()).isFalse();
		String jobId = body.get("job_id").asString();
		JsonNode job = get("/jobs/" + jobId, alice).getBody();
		assertThat(job.get("status").asString()).isEqualTo("queued");
		assertThat(job.get("owner").asString()).isEqualTo("alice");
		assertThat(get("/jobs/" + jobId, TestTokens.of("bob", "citizen")).getStatusCode().value()).isEqualTo(404);
		assertThat(laneItems("reports", TestTokens.moderator())).singleElement()
			.satisfies((item) -> assertThat(item.get("job_id").asString()).isEqualTo(jobId));
	}

	@Test
	void theSameClientKeyGivesTheSameJobAndItem() {
		String alice = TestTokens.of("alice", "citizen");
		String request = "{\"type\":\"summarize\",\"lane\":\"keyed\",\"client_key\":\"order-17\"}";
		JsonNode first = post("/jobs", request, alice).getBody();
		JsonNode again = post("/jobs", request, alice).getBody();

		assertThat(again.get("job_id").asString()).isEqualTo(first.get("job_id").asString());
		assertThat(again.get("item_id").asString()).isEqualTo(first.get("item_id").asString());
		assertThat(again.get("duplicate").asBoolean()).isTrue();
		assertThat(laneItems("keyed", TestTokens.moderator())).hasSize(1);
	}

	@Test
	void badInputIsRefusedAndNothingIsQueued() {
		String alice = TestTokens.of("alice", "citizen");
		ResponseEntity<JsonNode> badLane = post("/jobs", "{\"type\":\"summarize\",\"lane\":\"Not A Lane!\"}", alice);
		ResponseEntity<JsonNode> noType = post("/jobs", "{\"lane\":\"fine\"}", alice);
		ResponseEntity<JsonNode> emptyPost = post("/topics/t1/posts", "{\"body\":\"\"}", alice);

		assertThat(badLane.getStatusCode().value()).isEqualTo(400);
		assertThat(badLane.getBody().get("code").asString()).isEqualTo("INVALID_LANE");
		assertThat(noType.getBody().get("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(emptyPost.getBody().get("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(lanes(TestTokens.moderator())).noneMatch((lane) -> lane.get("name").asString().equals("fine"));
	}

	@Test
	void topicsPostsAndMessagesGoToTheirLanesAndPreviewsNeedThePermission() {
		String carol = TestTokens.of("carol", "citizen");
		JsonNode topic = post("/topics", "{\"title\":\"Tubes\",\"body\":\"Pneumatic tubes are back\"}", carol).getBody();
		String topicId = topic.get("topic_id").asString();
		JsonNode post = post("/topics/" + topicId + "/posts", "{\"body\":\"Agreed, first post\"}", carol).getBody();
		JsonNode message = post("/conversations/c-9/messages", "{\"body\":\"psst\"}", carol).getBody();

		assertThat(topic.get("lane").asString()).isEqualTo("global_topics");
		assertThat(post.get("lane").asString()).isEqualTo("posts_topic_" + topicId);
		assertThat(message.get("lane").asString()).isEqualTo("messages_conv_c-9");
		assertThat(laneItems("posts_topic_" + topicId, carol)).singleElement().satisfies((item) -> {
			assertThat(item.get("content_type").asString()).isEqualTo("post");
			assertThat(item.get("author").asString()).isEqualTo("carol");
			assertThat(item.get("preview").isNull()).isTrue();
		});
		assertThat(laneItems("posts_topic_" + topicId, TestTokens.moderator())).singleElement()
			.satisfies((item) -> assertThat(item.get("preview").asString()).isEqualTo("Agreed, first post"));
		assertThat(laneItems("messages_conv_c-9", TestTokens.moderator())).singleElement()
			.satisfies((item) -> assertThat(item.get("sender").asString()).isEqualTo("carol"));
	}

	@Test
	void deadLettersAreListedRedrivenAndDiscardedByOperators() {
		String operator = TestTokens.of("olga", "operator");
		post("/jobs", "{\"type\":\"doomed\",\"lane\":\"doomed\"}", TestTokens.of("alice", "citizen"));
		List<Claim> claims = await().atMost(Duration.ofSeconds(10)).until(() -> this.queue.claim("test-worker", 100),
				(claimed) -> claimed.stream().anyMatch((claim) -> claim.lane().name().equals("doomed")));
		Claim doomed = claims.stream().filter((claim) -> claim.lane().name().equals("doomed")).findFirst().orElseThrow();
		claims.stream().filter((claim) -> claim != doomed).forEach((claim) -> this.queue.complete(claim.lease()));
		this.queue.fail(doomed.lease(), "boom");

		assertThat(get("/queues/dead-letters", TestTokens.of("alice", "citizen")).getStatusCode().value()).isEqualTo(403);
		JsonNode dead = get("/queues/dead-letters", operator).getBody();
		assertThat(dead.get("items")).anySatisfy((item) -> {
			assertThat(item.get("item_id").asString()).isEqualTo(doomed.lease().itemId());
			assertThat(item.get("last_error").asString()).isEqualTo("boom");
		});
		assertThat(post("/queues/dead-letters/" + doomed.lease().itemId() + "/redrive", "", operator).getStatusCode().value())
			.isEqualTo(202);
		assertThat(laneItems("doomed", operator)).hasSize(1);
		ResponseEntity<JsonNode> gone = delete("/queues/dead-letters/" + doomed.lease().itemId(), operator);
		assertThat(gone.getStatusCode().value()).isEqualTo(404);
		assertThat(gone.getBody().get("code").asString()).isEqualTo("DEAD_LETTER_NOT_FOUND");
	}

	private List<JsonNode> lanes(String token) {
		return get("/queues", token).getBody().get("lanes").valueStream().toList();
	}

	private List<JsonNode> laneItems(String lane, String token) {
		return lanes(token).stream()
			.filter((info) -> info.get("name").asString().equals(lane))
			.flatMap((info) -> info.get("items").valueStream())
			.toList();
	}

	private ResponseEntity<JsonNode> post(String path, String body, String token) {
		return this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> get(String path, @Nullable String token) {
		return this.http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> delete(String path, String token) {
		return this.http.delete().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().toEntity(JsonNode.class);
	}

}
