package io.pneumatic.api.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.SseTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.JobOwnership;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/jobs/{id}/stream} with real HTTP clients: the same replay guarantee as STOMP
 * (every event after {@code Last-Event-ID}, then live ones, in order, each once), keepalives, access,
 * the end after {@code done}, and Redis connections that do not grow with clients. Redis keeps 100
 * events per job here, so long replays come from PostgreSQL.
 */
@HubIntegrationTest(properties = { "pneumatic.retention.max-entries=100", "pneumatic.sse.keepalive=300ms" })
class SseJobStreamIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	JobOwnership jobOwnership;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	private final String moderator = TestTokens.moderator();

	@Test
	void streamsAJobsEventsInOrderWithTheirSeqAsId() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		try (SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, null)) {
			assertThat(client.status()).isEqualTo(200);
			assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("text/event-stream"));
			assertThat(client.headers().allValues("Cache-Control")).containsExactly("no-cache");
			assertThat(client.headers().firstValue("X-Accel-Buffering")).hasValue("no");

			publishTokens(jobId, 1, 50);

			client.assertExactly(1, 50);
			JsonNode first = client.events().stream().filter(event -> event.id() != null).findFirst().orElseThrow().data();
			assertThat(first.propertyNames()).containsExactlyInAnyOrder("stream", "seq", "type", "ts", "payload");
			assertThat(first.get("stream").asString()).isEqualTo("jobs." + jobId);
			assertThat(first.get("type").asString()).isEqualTo("token");
			assertThat(first.at("/payload/text").asString()).isEqualTo("w1");
		}
	}

	@Test
	void resumesWithLastEventIdAcrossADisconnect() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		long lastEventId;
		try (SseTestClient first = SseTestClient.open(this.port, jobId, this.moderator, 0L)) {
			publishTokens(jobId, 1, 30);
			first.assertExactly(1, 30);
			lastEventId = first.lastEventId();
		}
		publishTokens(jobId, 31, 60);

		try (SseTestClient resumed = SseTestClient.open(this.port, jobId, this.moderator, lastEventId)) {
			publishTokens(jobId, 61, 80);
			resumed.assertExactly(31, 80);
			assertThat(resumed.events().stream().map(SseTestClient.SseEvent::type)).containsOnlyOnce("replay_complete");
		}
	}

	@Test
	void takesTheQueryParameterOnFirstConnectAndPrefersTheHeader() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		publishTokens(jobId, 1, 20);
		String path = "/api/v1/jobs/" + jobId + "/stream?last_event_id=5";

		try (SseTestClient query = SseTestClient.openPath(this.port, path, this.moderator, null);
				SseTestClient both = SseTestClient.openPath(this.port, path, this.moderator, 15L)) {
			query.assertExactly(6, 20);
			both.assertExactly(16, 20);
		}
		try (SseTestClient invalid = SseTestClient.open(this.port, jobId, this.moderator, -1L)) {
			assertThat(invalid.status()).isEqualTo(400);
		}
	}

	@Test
	void replaysFromPostgresqlWhatRedisNoLongerHolds() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		long head = retention().publishBeyondRetention(jobId);

		try (SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, 0L)) {
			client.assertExactly(1, head);
		}
	}

	@Test
	void reportsEventsGoneEverywhereAsTruncatedWithTheRangeEndAsId() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		long head = retention().publishBeyondRetention(jobId);
		retention().forgetArchivedUpTo(jobId, 50);

		try (SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, 0L)) {
			client.assertExactly(51, head);
			SseTestClient.SseEvent first = client.events().getFirst();
			assertThat(first.type()).isEqualTo("replay_truncated");
			assertThat(first.data().at("/payload/from_seq").asLong()).isEqualTo(1);
			assertThat(first.data().at("/payload/to_seq").asLong()).isEqualTo(50);
			assertThat(first.id()).isEqualTo("50");
		}
	}

	@Test
	void deliversEventsPublishedWhileTheReplayRuns() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		publishTokens(jobId, 1, 1500);
		Thread concurrentPublisher = Thread.ofVirtual().start(() -> publishTokens(jobId, 1501, 2500));

		try (SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, 0L)) {
			concurrentPublisher.join();
			client.assertExactly(1, 2500);
		}
	}

	@Test
	void writesKeepaliveCommentsWhileTheJobIsSilent() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		try (SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, null)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.comments().size() >= 2);
			assertThat(client.comments()).containsOnly("keepalive");
			assertThat(client.hasEnded()).isFalse();
		}
	}

	@Test
	void aJobStreamIsOpenToItsOwnerAndLooksMissingToOthers() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		this.publisher.publish(jobId, "status", Map.of("status", "running", "owner", "alice"));
		// Ownership comes from the job record, written by the persist consumer shortly after the event.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobOwnership.isOwner(jobId, "alice"));

		try (SseTestClient bob = SseTestClient.open(this.port, jobId, TestTokens.of("bob", "citizen"), 0L);
				SseTestClient alice = SseTestClient.open(this.port, jobId, TestTokens.of("alice", "citizen"), 0L)) {
			assertThat(bob.status()).isEqualTo(404);
			assertThat(bob.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			bob.awaitEnded();
			assertThat(alice.status()).isEqualTo(200);
			alice.assertExactly(1, 1);
		}
		try (SseTestClient noToken = SseTestClient.open(this.port, jobId, "not-a-token", 0L)) {
			assertThat(noToken.status()).isEqualTo(401);
		}
	}

	@Test
	void takesTheTokenAsAQueryParameterOnStreamsOnlyForBrowsersEventSource() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		publishTokens(jobId, 1, 3);
		try (SseTestClient browser = SseTestClient.openPath(this.port,
				"/api/v1/jobs/" + jobId + "/stream?last_event_id=0&access_token=" + this.moderator, null, null)) {
			assertThat(browser.status()).isEqualTo(200);
			browser.assertExactly(1, 3);
		}
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> rest = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/jobs/" + jobId + "?access_token=" + this.moderator))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(rest.statusCode()).isEqualTo(401);
		}
	}

	@Test
	void endsTheStreamAfterDoneAndAnswers204ToAClientThatHasIt() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		try (SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, null)) {
			publishTokens(jobId, 1, 10);
			this.publisher.publish(jobId, "done", Map.of("status", "succeeded"));

			client.awaitEnded();
			client.assertExactly(1, 11);
			assertThat(client.events().getLast().type()).isEqualTo("done");
		}
		try (SseTestClient finished = SseTestClient.open(this.port, jobId, this.moderator, 11L);
				SseTestClient fresh = SseTestClient.open(this.port, jobId, this.moderator, null);
				SseTestClient behind = SseTestClient.open(this.port, jobId, this.moderator, 8L)) {
			assertThat(finished.status()).isEqualTo(204);
			assertThat(fresh.status()).isEqualTo(204);
			behind.awaitEnded();
			behind.assertExactly(9, 11);
		}
	}

	@Test
	void manyClientsOfOneJobAddNoRedisConnections() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		List<SseTestClient> clients = new ArrayList<>();
		try (PlainRedisWorker redis = new PlainRedisWorker(this.environment)) {
			clients.add(subscribed(jobId));
			long before = redisConnections(redis);

			for (int i = 0; i < 50; i++) {
				clients.add(subscribed(jobId));
			}
			// The count is server-wide: other cached test contexts may open a connection meanwhile,
			// but 50 clients holding one each would add 50.
			assertThat(redisConnections(redis)).isLessThan(before + 10);

			publishTokens(jobId, 1, 20);
			for (SseTestClient client : clients) {
				client.assertExactly(1, 20);
			}
			assertThat(redisConnections(redis)).isLessThan(before + 10);
		}
		finally {
			for (SseTestClient client : clients) {
				client.close();
			}
		}
	}

	/** A client whose stream is live: it got {@code replay_complete}. */
	private SseTestClient subscribed(String jobId) throws Exception {
		SseTestClient client = SseTestClient.open(this.port, jobId, this.moderator, null);
		client.awaitType("replay_complete");
		return client;
	}

	private static long redisConnections(PlainRedisWorker redis) {
		return redis.redis().clientList().lines().filter(line -> !line.isBlank()).count();
	}

	private RetentionBoundary retention() {
		return new RetentionBoundary(this.publisher, this.jdbc, this.environment);
	}

	private void publishTokens(String jobId, int fromIndex, int toIndex) {
		for (int i = fromIndex; i <= toIndex; i++) {
			this.publisher.publish(jobId, "token", Map.of("text", "w" + i, "index", i));
		}
	}

}
