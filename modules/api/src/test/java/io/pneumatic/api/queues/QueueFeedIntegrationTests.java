package io.pneumatic.api.queues;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.QueueEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue visualization feed on STOMP: a snapshot on subscribe, then length deltas, activity and
 * full positions at their cadence; previews only on the previews topic; one producer among instances.
 */
@HubIntegrationTest(properties = { "pneumatic.broker.mode=external", "pneumatic.queues.feed.lengths-interval=300ms",
		"pneumatic.queues.feed.activity-interval=600ms", "pneumatic.queues.feed.positions-interval=900ms" })
class QueueFeedIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String PRODUCER_LEASE = "queue:feed:producer";

	@LocalServerPort
	int port;

	@Autowired
	QueueEngine queue;

	@Autowired
	Environment environment;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void aSubscriberGetsASnapshotThenDeltasAndOnlyThePreviewTopicCarriesPreviews() throws Exception {
		enqueue("posts_topic_feed1", "first words");
		try (StompTestClient citizen = StompTestClient.webSocket(this.port).withToken(TestTokens.of("carol", "citizen"));
				StompTestClient moderator = StompTestClient.webSocket(this.port)) {
			citizen.subscribe(QueueFeed.PUBLIC, Map.of());
			moderator.subscribe(QueueFeed.PREVIEWS, Map.of());
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(citizen.received()).isNotEmpty();
				assertThat(moderator.received()).isNotEmpty();
			});
			// The snapshot comes first, on the subscription alone (version 0); it may be up to one tick old.
			assertThat(citizen.received().getFirst().get("type").asString()).isEqualTo("queue_snapshot");
			assertThat(moderator.received().getFirst().get("version").asLong()).isZero();
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(previewsOf(last(moderator, "queue_positions"), "posts_topic_feed1")).containsExactly("first words");
				assertThat(previewsOf(last(citizen, "queue_positions"), "posts_topic_feed1")).containsExactly((String) null);
			});

			enqueue("posts_topic_feed1", "second words");
			await().atMost(WAIT).untilAsserted(() -> assertThat(citizen.received()).anySatisfy((message) -> {
				assertThat(message.get("type").asString()).isEqualTo("queue_lengths");
				assertThat(message.at("/payload/lanes/posts_topic_feed1/length").asLong()).isEqualTo(2);
			}));
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(previewsOf(last(moderator, "queue_positions"), "posts_topic_feed1"))
					.containsExactly("first words", "second words");
				assertThat(previewsOf(last(citizen, "queue_positions"), "posts_topic_feed1")).hasSize(2).containsOnlyNulls();
				assertThat(last(citizen, "queue_activity").at("/payload/lanes/posts_topic_feed1/level").asString())
					.isEqualTo("waiting");
			});
			assertThat(citizen.received()).allSatisfy((message) -> assertThat(message.toString()).doesNotContain("words"));
		}
	}

	@Test
	void lengthsGoOutOnlyWhenTheyChangeWhilePositionsComeAtTheirCadence() throws Exception {
		try (StompTestClient viewer = StompTestClient.webSocket(this.port)) {
			viewer.subscribe(QueueFeed.PUBLIC, Map.of());
			enqueue("cadence", "x");
			await().atMost(WAIT).until(() -> count(viewer, "queue_lengths", (lengths) -> lengths.at("/payload/lanes/cadence").isObject()) == 1);
			int positionsBefore = count(viewer, "queue_positions", (message) -> true);
			int lengthsBefore = count(viewer, "queue_lengths", (message) -> true);
			// Nothing changes for three positions intervals: no new lengths, yet the full positions keep coming.
			await().atMost(WAIT).until(() -> count(viewer, "queue_positions", (message) -> true) >= positionsBefore + 3);
			assertThat(count(viewer, "queue_lengths", (message) -> true)).isEqualTo(lengthsBefore);
		}
	}

	@Test
	void onlyOneInstanceProducesTheFeed() throws Exception {
		try (StompTestClient viewer = StompTestClient.webSocket(this.port)) {
			viewer.subscribe(QueueFeed.PUBLIC, Map.of());
			try (ConfigurableApplicationContext second = SecondInstance.start(this.environment,
					"--pneumatic.broker.mode=external", "--pneumatic.queues.feed.lengths-interval=300ms",
					"--pneumatic.queues.feed.activity-interval=600ms", "--pneumatic.queues.feed.positions-interval=900ms")) {
				int from = viewer.received().size();
				await().atMost(WAIT).until(() -> viewer.received().size() >= from + 12);
				List<Long> versions = viewer.received().subList(from, viewer.received().size())
					.stream()
					.map((message) -> message.get("version").asLong())
					.toList();
				// One producer: its counter only grows. Two would interleave two counters.
				assertThat(versions).isSorted().doesNotHaveDuplicates();
			}
		}
	}

	@Test
	void theFeedResumesWhenADeadProducersLeaseRunsOut() throws Exception {
		try (StompTestClient viewer = StompTestClient.webSocket(this.port)) {
			viewer.subscribe(QueueFeed.PUBLIC, Map.of());
			// Another instance holds the lease: this one stands by, and the feed goes quiet
			// (a producer sends activity every 600 ms).
			this.redis.opsForValue().set(PRODUCER_LEASE, "another-instance", Duration.ofMinutes(1));
			awaitQuiet(viewer, Duration.ofMillis(1500));
			// That instance died: its lease runs out, and this one takes over.
			this.redis.expire(PRODUCER_LEASE, Duration.ofMillis(500));
			int quietUntil = viewer.received().size();
			await().atMost(WAIT).until(() -> count(viewer, "queue_positions", (message) -> true, quietUntil) >= 2);
			assertThat(this.redis.opsForValue().get(PRODUCER_LEASE)).isNotEqualTo("another-instance");
		}
	}

	/** Waits until nothing arrived for {@code quiet}. */
	private static void awaitQuiet(StompTestClient client, Duration quiet) {
		AtomicInteger seen = new AtomicInteger(-1);
		AtomicLong since = new AtomicLong();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
			int size = client.received().size();
			if (size != seen.getAndSet(size)) {
				since.set(System.nanoTime());
			}
			return System.nanoTime() - since.get() > quiet.toNanos();
		});
	}

	private void enqueue(String lane, String preview) {
		this.queue.enqueue(EnqueueRequest.of(Lane.of(lane), "{}")
			.withDetails(new ItemDetails("post", "carol", null, preview, null)));
	}

	private static List<String> previewsOf(JsonNode message, String lane) {
		return message.at("/payload/lanes")
			.valueStream()
			.filter((info) -> info.get("name").asString().equals(lane))
			.flatMap((info) -> info.get("items").valueStream())
			.map((item) -> item.get("preview").isNull() ? null : item.get("preview").asString())
			.toList();
	}

	private static JsonNode last(StompTestClient client, String type) {
		return client.received().reversed().stream().filter((message) -> message.get("type").asString().equals(type))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type + " yet"));
	}

	private static int count(StompTestClient client, String type, Predicate<JsonNode> matching) {
		return count(client, type, matching, 0);
	}

	private static int count(StompTestClient client, String type, Predicate<JsonNode> matching, int from) {
		List<JsonNode> received = client.received();
		return (int) received.subList(from, received.size())
			.stream()
			.filter((message) -> message.get("type").asString().equals(type) && matching.test(message))
			.count();
	}

}
