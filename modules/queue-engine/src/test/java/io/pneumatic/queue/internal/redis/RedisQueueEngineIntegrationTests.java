package io.pneumatic.queue.internal.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ClaimBatch;
import io.pneumatic.queue.DeadLetter;
import io.pneumatic.queue.DeadLetters;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.FailOutcome;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.ItemState;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.LaneKind;
import io.pneumatic.queue.LaneSnapshot;
import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueRequestRejectedException;
import io.pneumatic.queue.QueueRequestRejectedException.Reason;
import io.pneumatic.queue.QueueSnapshot;
import io.pneumatic.queue.testing.TestQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The engine on a real Redis: FIFO lanes, leases, retries, dead letters, idempotency, snapshots.
 */
class RedisQueueEngineIntegrationTests {

	private static final Duration SHORT_LEASE = Duration.ofMillis(300);

	private final List<TestQueue> queues = new ArrayList<>();

	@AfterEach
	void close() {
		this.queues.forEach(TestQueue::close);
	}

	private TestQueue queue(QueueSettings settings) {
		TestQueue queue = new TestQueue(settings);
		this.queues.add(queue);
		return queue;
	}

	private RedisQueueEngine engine() {
		return queue(QueueSettings.defaults()).newEngine();
	}

	@Test
	void handsOutALanesItemsOneAtATimeInOrder() {
		RedisQueueEngine engine = engine();
		Lane lane = Lane.topicPosts("7");
		List<Enqueued> enqueued = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			enqueued.add(engine.enqueue(EnqueueRequest.of(lane, "{\"n\":" + i + "}")));
		}
		assertThat(enqueued).extracting(Enqueued::position).containsExactly(0, 1, 2);

		List<String> handedOut = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			List<Claim> claims = engine.claim("w1", 10);
			assertThat(claims).hasSize(1);
			assertThat(engine.claim("w2", 10)).as("nothing else of the lane while one is in flight").isEmpty();
			handedOut.add(claims.getFirst().params());
			assertThat(engine.complete(claims.getFirst().lease())).isTrue();
		}

		assertThat(handedOut).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
		assertThat(engine.claim("w1", 10)).isEmpty();
	}

	@Test
	void lanesRunInParallelTheLongestWaitingFirst() {
		RedisQueueEngine engine = engine();
		engine.enqueue(EnqueueRequest.of(Lane.of("b"), "b1"));
		engine.enqueue(EnqueueRequest.of(Lane.of("a"), "a1"));
		engine.enqueue(EnqueueRequest.of(Lane.of("b"), "b2"));
		await().until(() -> engine.stats().takenAt().isAfter(Instant.now().minusSeconds(5)));
		engine.enqueue(EnqueueRequest.of(Lane.of("c"), "c1"));

		List<Claim> first = engine.claim("w", 2);
		List<Claim> rest = engine.claim("w", 5);

		assertThat(first).extracting(Claim::params).containsExactlyInAnyOrder("b1", "a1");
		assertThat(rest).extracting(Claim::params).containsExactly("c1");
	}

	@Test
	void claimCarriesTheItemAndALease() {
		RedisQueueEngine engine = engine();
		ItemDetails details = new ItemDetails("post", "ann", "bob", "Hello there", "job-9");
		Enqueued enqueued = engine.enqueue(EnqueueRequest.of(Lane.topicPosts("1"), "{\"text\":\"hi\"}").withDetails(details));

		Claim claim = engine.claim("worker-1", 1).getFirst();

		assertThat(claim.itemId()).isEqualTo(enqueued.itemId());
		assertThat(claim.lane()).isEqualTo(Lane.topicPosts("1"));
		assertThat(claim.attempt()).isEqualTo(1);
		assertThat(claim.params()).isEqualTo("{\"text\":\"hi\"}");
		assertThat(claim.details()).isEqualTo(details);
		assertThat(claim.leaseDeadline()).isCloseTo(Instant.now().plusSeconds(30), within(Duration.ofSeconds(2)));
		assertThat(claim.enqueuedAt()).isCloseTo(Instant.now(), within(Duration.ofSeconds(2)));
	}

	@Test
	void completeAndClaimFinishesAndHandsOutTheNextInOneCall() {
		RedisQueueEngine engine = engine();
		Lane lane = Lane.of("l");
		engine.enqueueAll(List.of(EnqueueRequest.of(lane, "1"), EnqueueRequest.of(lane, "2")));
		Claim first = engine.claim("w", 1).getFirst();

		ClaimBatch batch = engine.completeAndClaim("w", List.of(first.lease(), new Lease("999999", "1")), 1);

		assertThat(batch.lostLeases()).containsExactly(new Lease("999999", "1"));
		assertThat(batch.claims()).extracting(Claim::params).containsExactly("2");
		assertThat(engine.completeAndClaim("w", List.of(batch.claims().getFirst().lease()), 1).claims()).isEmpty();
	}

	@Test
	void anExpiredLeaseHandsOutTheSameItemAgainFirstInItsLane() {
		TestQueue queue = queue(QueueSettings.defaults().withLease(SHORT_LEASE));
		RedisQueueEngine engine = queue.newEngine();
		Lane lane = Lane.conversationMessages("c1");
		Enqueued first = engine.enqueue(EnqueueRequest.of(lane, "first"));
		engine.enqueue(EnqueueRequest.of(lane, "second"));
		Claim crashed = engine.claim("crashing-worker", 1).getFirst();

		Claim again = await().atMost(Duration.ofSeconds(3))
			.until(() -> engine.claim("w2", 1), (claims) -> !claims.isEmpty())
			.getFirst();

		assertThat(again.itemId()).isEqualTo(first.itemId()).isEqualTo(crashed.itemId());
		assertThat(again.attempt()).isEqualTo(2);
		assertThat(again.lease().token()).isNotEqualTo(crashed.lease().token());
		Instant reclaimedAt = again.leaseDeadline().minus(SHORT_LEASE);
		assertThat(reclaimedAt).isAfterOrEqualTo(crashed.leaseDeadline());
		assertThat(engine.stats().leaseExpiries()).isEqualTo(1);
	}

	@Test
	void aClaimMayAskForItsOwnLease() {
		RedisQueueEngine engine = engine();
		engine.enqueue(EnqueueRequest.of(Lane.of("own-lease"), "x"));

		Claim claim = engine.claim("w", 1, Duration.ofMillis(250)).getFirst();

		Claim again = await().until(() -> engine.claim("w2", 1), (claims) -> !claims.isEmpty()).getFirst();
		assertThat(again.itemId()).isEqualTo(claim.itemId());
		assertThat(again.leaseDeadline().minus(Duration.ofSeconds(30))).isAfterOrEqualTo(claim.leaseDeadline());
		assertRejected(() -> engine.claim("w", 1, Duration.ofMillis(5)), Reason.BAD_REQUEST);
	}

	@Test
	void aStaleLeaseCanNeitherCompleteNorFailNorExtend() {
		TestQueue queue = queue(QueueSettings.defaults().withLease(SHORT_LEASE));
		RedisQueueEngine engine = queue.newEngine();
		engine.enqueue(EnqueueRequest.of(Lane.of("stale"), "x"));
		Claim stale = engine.claim("w1", 1).getFirst();
		Claim fresh = await().until(() -> engine.claim("w2", 1), (claims) -> !claims.isEmpty()).getFirst();

		assertThat(engine.complete(stale.lease())).isFalse();
		assertThat(engine.fail(stale.lease(), "late")).isEqualTo(FailOutcome.LEASE_LOST);
		assertThat(engine.heartbeat(stale.lease())).isEmpty();
		assertThat(engine.heartbeat(new Lease(fresh.itemId(), "not-the-token"))).isEmpty();

		assertThat(engine.complete(fresh.lease())).isTrue();
		assertThat(engine.complete(fresh.lease())).as("completing twice").isFalse();
	}

	@Test
	void aLeasePastItsDeadlineIsLostEvenBeforeItIsHandedOutAgain() {
		TestQueue queue = queue(QueueSettings.defaults().withLease(SHORT_LEASE));
		RedisQueueEngine engine = queue.newEngine();
		engine.enqueue(EnqueueRequest.of(Lane.of("late"), "x"));
		Claim claim = engine.claim("w1", 1).getFirst();

		await().until(() -> queue.redis().time().getFirst(),
				(seconds) -> Instant.ofEpochSecond(Long.parseLong(seconds) - 1).isAfter(claim.leaseDeadline()));

		assertThat(engine.complete(claim.lease())).isFalse();
	}

	@Test
	void heartbeatsKeepTheLease() {
		TestQueue queue = queue(QueueSettings.defaults().withLease(SHORT_LEASE));
		RedisQueueEngine engine = queue.newEngine();
		engine.enqueue(EnqueueRequest.of(Lane.of("hb"), "x"));
		Claim claim = engine.claim("w1", 1).getFirst();
		Instant until = Instant.now().plus(SHORT_LEASE.multipliedBy(3));

		await().pollInterval(Duration.ofMillis(100)).until(() -> {
			assertThat(engine.heartbeat(claim.lease())).isPresent();
			assertThat(engine.claim("w2", 1)).isEmpty();
			return Instant.now().isAfter(until);
		});

		Optional<Instant> extended = engine.heartbeat(claim.lease(), Duration.ofSeconds(10));
		assertThat(extended).hasValueSatisfying((deadline) -> assertThat(deadline)
			.isCloseTo(Instant.now().plusSeconds(10), within(Duration.ofSeconds(2))));
		assertThat(engine.complete(claim.lease())).isTrue();
	}

	@Test
	void retriesAfterABackoffThenDeadLettersWithTheLastError() {
		TestQueue queue = queue(QueueSettings.defaults().withRetries(3, Duration.ofMillis(100), Duration.ofMillis(150)));
		RedisQueueEngine engine = queue.newEngine();
		Lane lane = Lane.of("flaky");
		Enqueued doomed = engine.enqueue(EnqueueRequest.of(lane, "doomed"));
		engine.enqueue(EnqueueRequest.of(lane, "next"));

		for (int attempt = 1; attempt <= 2; attempt++) {
			Claim claim = await().until(() -> engine.claim("w", 1), (claims) -> !claims.isEmpty()).getFirst();
			assertThat(claim.itemId()).isEqualTo(doomed.itemId());
			assertThat(claim.attempt()).isEqualTo(attempt);
			assertThat(engine.fail(claim.lease(), "boom " + attempt)).isEqualTo(FailOutcome.RETRY_SCHEDULED);
			Instant failedAt = Instant.now();
			LaneSnapshot waiting = engine.snapshot().lanes().getFirst();
			assertThat(waiting.inFlight()).isNull();
			assertThat(waiting.readyAt()).isCloseTo(failedAt.plus(queue.settings().retryPolicy().backoffAfter(attempt)),
					within(Duration.ofMillis(80)));
			assertThat(engine.claim("w", 1)).as("nothing during the backoff").isEmpty();
		}
		Claim last = await().until(() -> engine.claim("w", 1), (claims) -> !claims.isEmpty()).getFirst();
		assertThat(last.attempt()).isEqualTo(3);
		assertThat(engine.fail(last.lease(), "boom 3")).isEqualTo(FailOutcome.DEAD_LETTERED);

		DeadLetters deadLetters = engine.deadLetters(0, 10);
		assertThat(deadLetters.total()).isEqualTo(1);
		DeadLetter deadLetter = deadLetters.items().getFirst();
		assertThat(deadLetter.itemId()).isEqualTo(doomed.itemId());
		assertThat(deadLetter.lane()).isEqualTo(lane);
		assertThat(deadLetter.attempts()).isEqualTo(3);
		assertThat(deadLetter.lastError()).isEqualTo("boom 3");
		assertThat(deadLetter.params()).isEqualTo("doomed");
		assertThat(engine.claim("w", 1)).as("the lane goes on with the next item").extracting(Claim::params)
			.containsExactly("next");
	}

	@Test
	void anItemWhoseLastLeaseExpiresIsDeadLettered() {
		TestQueue queue = queue(QueueSettings.defaults().withLease(SHORT_LEASE).withRetries(1, Duration.ZERO, Duration.ZERO));
		RedisQueueEngine engine = queue.newEngine();
		Enqueued item = engine.enqueue(EnqueueRequest.of(Lane.of("once"), "x"));
		engine.claim("crashing-worker", 1);

		await().until(() -> engine.sweep().expiredLeases() > 0);

		DeadLetter deadLetter = engine.deadLetters(0, 10).items().getFirst();
		assertThat(deadLetter.itemId()).isEqualTo(item.itemId());
		assertThat(deadLetter.lastError()).isEqualTo("lease expired: worker crashing-worker did not finish attempt 1");
		assertThat(engine.stats().deadLettered()).isEqualTo(1);
	}

	@Test
	void redriveReturnsADeadLetterToTheTailOfItsLaneWithFreshAttempts() {
		TestQueue queue = queue(QueueSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO));
		RedisQueueEngine engine = queue.newEngine();
		Lane lane = Lane.of("redo");
		Enqueued doomed = engine.enqueue(EnqueueRequest.of(lane, "doomed"));
		engine.fail(engine.claim("w", 1).getFirst().lease(), "boom");
		engine.enqueue(EnqueueRequest.of(lane, "later"));

		assertThat(engine.redrive(doomed.itemId())).isTrue();
		assertThat(engine.redrive(doomed.itemId())).as("no longer a dead letter").isFalse();

		assertThat(engine.deadLetters(0, 10).total()).isZero();
		Claim later = engine.claim("w", 1).getFirst();
		assertThat(later.params()).isEqualTo("later");
		Claim redriven = engine.completeAndClaim("w", List.of(later.lease()), 1).claims().getFirst();
		assertThat(redriven.itemId()).isEqualTo(doomed.itemId());
		assertThat(redriven.attempt()).isEqualTo(1);
		assertThat(engine.complete(redriven.lease())).isTrue();
	}

	@Test
	void redriveReopensAnEmptyLane() {
		TestQueue queue = queue(QueueSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO).withIdleLaneTtl(Duration.ZERO));
		RedisQueueEngine engine = queue.newEngine();
		Enqueued doomed = engine.enqueue(EnqueueRequest.unordered("x"));
		engine.fail(engine.claim("w", 1).getFirst().lease(), "boom");
		assertThat(engine.snapshot().lanes()).isEmpty();

		engine.redrive(doomed.itemId());

		assertThat(engine.claim("w", 1)).extracting(Claim::itemId).containsExactly(doomed.itemId());
	}

	@Test
	void discardDeletesADeadLetter() {
		TestQueue queue = queue(QueueSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO).withIdleLaneTtl(Duration.ZERO));
		RedisQueueEngine engine = queue.newEngine();
		Enqueued doomed = engine.enqueue(EnqueueRequest.of(Lane.of("gone"), "x"));
		engine.fail(engine.claim("w", 1).getFirst().lease(), "boom");

		assertThat(engine.discard(doomed.itemId())).isTrue();
		assertThat(engine.discard(doomed.itemId())).isFalse();
		assertThat(engine.redrive(doomed.itemId())).isFalse();

		assertThat(engine.deadLetters(0, 10).total()).isZero();
		assertThat(queue.laneAndItemKeys()).isEmpty();
	}

	@Test
	void deadLettersArePagedOldestFirst() {
		TestQueue queue = queue(QueueSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO));
		RedisQueueEngine engine = queue.newEngine();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(engine.enqueue(EnqueueRequest.of(Lane.of("d"), "x" + i)).itemId());
			engine.fail(engine.claim("w", 1).getFirst().lease(), "boom");
		}

		assertThat(engine.deadLetters(0, 2).items()).extracting(DeadLetter::itemId).containsExactly(ids.get(0), ids.get(1));
		assertThat(engine.deadLetters(2, 10).items()).extracting(DeadLetter::itemId).containsExactlyElementsOf(ids.subList(2, 5));
		assertThat(engine.deadLetters(4, 10).total()).isEqualTo(5);
	}

	@Test
	void enqueueIsIdempotentOnTheClientKey() {
		RedisQueueEngine engine = engine();
		EnqueueRequest request = EnqueueRequest.of(Lane.globalTopics(), "{\"title\":\"t\"}").withClientKey("req-42");

		Enqueued first = engine.enqueue(request);
		Enqueued again = engine.enqueue(request.withDetails(new ItemDetails("other", null, null, null, null)));

		assertThat(first.duplicate()).isFalse();
		assertThat(again.duplicate()).isTrue();
		assertThat(again.itemId()).isEqualTo(first.itemId());
		assertThat(again.state()).isEqualTo(ItemState.WAITING);
		assertThat(engine.snapshot().totalLength()).isEqualTo(1);

		Claim claim = engine.claim("w", 1).getFirst();
		assertThat(engine.enqueue(request).state()).isEqualTo(ItemState.IN_FLIGHT);
		engine.complete(claim.lease());
		Enqueued afterCompletion = engine.enqueue(request);
		assertThat(afterCompletion.state()).isEqualTo(ItemState.FINISHED);
		assertThat(afterCompletion.position()).isEqualTo(-1);
		assertThat(afterCompletion.estimatedCompletion()).isNull();
		assertThat(engine.claim("w", 1)).as("nothing enqueued twice").isEmpty();
	}

	@Test
	void theClientKeyIsForgottenAfterTheDedupWindow() {
		TestQueue queue = queue(QueueSettings.defaults().withLimits(65536, 280, Duration.ofMillis(200)));
		RedisQueueEngine engine = queue.newEngine();
		EnqueueRequest request = EnqueueRequest.unordered("x").withClientKey("short-lived");
		Enqueued first = engine.enqueue(request);

		await().until(() -> queue.redis().exists("queue:dedup:short-lived") == 0);

		assertThat(engine.enqueue(request).itemId()).isNotEqualTo(first.itemId());
	}

	@Test
	void unorderedItemsEachGetALaneOfTheirOwn() {
		RedisQueueEngine engine = engine();

		Enqueued a = engine.enqueue(EnqueueRequest.unordered("a"));
		Enqueued b = engine.enqueue(EnqueueRequest.unordered("b"));

		assertThat(a.lane()).isEqualTo(Lane.of("unordered-" + a.itemId()));
		assertThat(a.lane().kind()).isEqualTo(LaneKind.UNORDERED);
		assertThat(b.position()).isZero();
		assertThat(engine.claim("w", 5)).extracting(Claim::params).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void estimatesCompletionFromTheAverageProcessingTimeOfTheLaneKind() {
		RedisQueueEngine engine = engine();
		Lane lane = Lane.topicPosts("est");
		Enqueued first = engine.enqueue(EnqueueRequest.of(lane, "x"));
		assertThat(first.estimatedCompletion()).as("fallback 5s before any completion")
			.isCloseTo(Instant.now().plusSeconds(5), within(Duration.ofSeconds(2)));
		Claim claim = engine.claim("w", 1).getFirst();
		await().until(() -> Instant.now().isAfter(claim.leaseDeadline().minusSeconds(30).plusMillis(200)));
		engine.complete(claim.lease());

		Double average = engine.stats().averageMillis(LaneKind.TOPIC_POSTS);
		assertThat(average).isBetween(150.0, 2000.0);
		engine.enqueue(EnqueueRequest.of(lane, "a"));
		Enqueued third = engine.enqueue(EnqueueRequest.of(lane, "b"));

		assertThat(third.position()).isEqualTo(1);
		assertThat(third.estimatedCompletion()).isCloseTo(Instant.now().plusMillis(Math.round(2 * average)),
				within(Duration.ofMillis(500)));
		assertThat(engine.stats().averageMillis(LaneKind.NAMED)).isNull();
	}

	@Test
	void refusesBadInputAndEnqueuesNothing() {
		TestQueue queue = queue(QueueSettings.defaults().withLimits(100, 280, Duration.ofMinutes(5)));
		RedisQueueEngine engine = queue.newEngine();

		assertRejected(() -> engine.enqueue(EnqueueRequest.unordered("x".repeat(101))), Reason.PARAMS_TOO_LARGE);
		assertRejected(() -> engine.enqueue(EnqueueRequest.unordered("x").withClientKey("has space")), Reason.INVALID_CLIENT_KEY);
		assertRejected(() -> engine.enqueue(EnqueueRequest.unordered("x")
			.withDetails(new ItemDetails("t".repeat(129), null, null, null, null))), Reason.INVALID_DETAILS);
		assertRejected(() -> engine.enqueueAll(List.of(EnqueueRequest.unordered("ok"), EnqueueRequest.unordered("y".repeat(101)))),
				Reason.PARAMS_TOO_LARGE);
		assertRejected(() -> engine.claim("bad worker", 1), Reason.INVALID_WORKER);
		assertRejected(() -> engine.claim("w", 0), Reason.BAD_REQUEST);
		assertRejected(() -> engine.claim("w", 101), Reason.BAD_REQUEST);
		assertRejected(() -> engine.heartbeat(new Lease("1", "1"), Duration.ofMillis(1)), Reason.BAD_REQUEST);
		assertRejected(() -> engine.deadLetters(-1, 10), Reason.BAD_REQUEST);

		assertThat(queue.laneAndItemKeys()).isEmpty();
		assertThat(engine.stats().enqueued()).isZero();
	}

	@Test
	void theLibraryRefusesWhatTheJavaSideWouldHaveCaught() {
		TestQueue queue = queue(QueueSettings.defaults().withLimits(100, 10, Duration.ofMinutes(5)));
		RedisQueueEngine engine = queue.newEngine();
		engine.stats();
		String enqueue = queue.library().function("enqueue");

		assertThatExceptionOfType(io.lettuce.core.RedisCommandExecutionException.class)
			.isThrownBy(() -> queue.redis().fcall(enqueue, io.lettuce.core.ScriptOutputType.MULTI, new String[0],
					"Bad Lane", "", "{}", "", "", "", "", ""))
			.withMessageStartingWith("ERR INVALID_LANE lane \"Bad Lane\" must be 1 to 128 characters");
		assertThatExceptionOfType(io.lettuce.core.RedisCommandExecutionException.class)
			.isThrownBy(() -> queue.redis().fcall(enqueue, io.lettuce.core.ScriptOutputType.MULTI, new String[0],
					"unordered-5", "", "{}", "", "", "", "", ""))
			.withMessageStartingWith("ERR INVALID_LANE lane \"unordered-5\" is reserved");
		assertThatExceptionOfType(io.lettuce.core.RedisCommandExecutionException.class)
			.isThrownBy(() -> queue.redis().fcall(enqueue, io.lettuce.core.ScriptOutputType.MULTI, new String[0],
					"", "", "{}", "", "", "", "a preview that is too long", ""))
			.withMessageStartingWith("ERR INVALID_DETAILS preview has 26 bytes, at most 10 allowed");
		assertThat(queue.laneAndItemKeys()).isEmpty();
	}

	@Test
	void cutsPreviewsOnEnqueue() {
		TestQueue queue = queue(QueueSettings.defaults().withLimits(65536, 5, Duration.ofMinutes(5)));
		RedisQueueEngine engine = queue.newEngine();

		engine.enqueue(EnqueueRequest.unordered("x").withDetails(new ItemDetails(null, null, null, "abcü€def", null)));

		assertThat(engine.claim("w", 1).getFirst().details().preview()).isEqualTo("abcü");
	}

	@Test
	void unknownItemsAreNotFound() {
		RedisQueueEngine engine = engine();

		assertThat(engine.complete(new Lease("404", "1"))).isFalse();
		assertThat(engine.fail(new Lease("404", "1"), "x")).isEqualTo(FailOutcome.LEASE_LOST);
		assertThat(engine.heartbeat(new Lease("404", "1"))).isEmpty();
		assertThat(engine.redrive("404")).isFalse();
		assertThat(engine.discard("404")).isFalse();
	}

	@Test
	void emptyLanesVanishAfterTheIdleTtlLeavingNoKeys() {
		TestQueue queue = queue(QueueSettings.defaults().withIdleLaneTtl(Duration.ofMillis(200)));
		RedisQueueEngine engine = queue.newEngine();
		engine.enqueueAll(List.of(EnqueueRequest.of(Lane.of("short"), "1").withClientKey("k1"),
				EnqueueRequest.of(Lane.topicPosts("9"), "2"), EnqueueRequest.unordered("3")));
		ClaimBatch batch = engine.completeAndClaim("w", List.of(), 10);
		engine.completeAndClaim("w", batch.claims().stream().map(Claim::lease).toList(), 10);

		assertThat(engine.snapshot().lanes()).as("idle lanes stay listed for the TTL").hasSize(3)
			.allSatisfy((lane) -> assertThat(lane.length()).isZero());

		await().until(() -> engine.sweep().forgottenLanes() + engine.sweep().forgottenLanes() > 0
				&& engine.snapshot().lanes().isEmpty());
		queue.redis().del("queue:dedup:k1");
		assertThat(queue.laneAndItemKeys()).isEmpty();
		QueueStats stats = engine.stats();
		assertThat(stats.lanes()).isZero();
		assertThat(stats.lengths().values()).containsOnly(0L);
		assertThat(stats.inFlight().values()).containsOnly(0L);
	}

	@Test
	void survivesARestartOnANewConnection() {
		TestQueue queue = queue(QueueSettings.defaults());
		RedisQueueEngine before = queue.newEngine();
		Lane lane = Lane.of("durable");
		Enqueued first = before.enqueue(EnqueueRequest.of(lane, "1").withClientKey("d-1"));
		before.enqueue(EnqueueRequest.of(lane, "2"));
		Claim held = before.claim("w", 1).getFirst();

		RedisQueueEngine after = queue.newEngine();

		assertThat(after.enqueue(EnqueueRequest.of(lane, "1").withClientKey("d-1")).itemId()).isEqualTo(first.itemId());
		assertThat(after.claim("w", 1)).as("still in flight").isEmpty();
		QueueSnapshot snapshot = after.snapshot();
		assertThat(snapshot.lanes()).singleElement().satisfies((laneSnapshot) -> {
			assertThat(laneSnapshot.length()).isEqualTo(2);
			assertThat(laneSnapshot.inFlight()).isNotNull();
			assertThat(laneSnapshot.inFlight().itemId()).isEqualTo(first.itemId());
		});
		assertThat(after.complete(held.lease())).isTrue();
		assertThat(after.claim("w", 1)).extracting(Claim::params).containsExactly("2");
	}

	@Test
	void reloadsTheLibraryWhenRedisLostIt() {
		TestQueue queue = queue(QueueSettings.defaults());
		RedisQueueEngine engine = queue.newEngine();
		engine.enqueue(EnqueueRequest.of(Lane.of("reload"), "1"));

		queue.unloadLibrary();

		assertThat(engine.claim("w", 1)).extracting(Claim::params).containsExactly("1");
	}

	@Test
	void snapshotShowsEveryLaneWithExactLengthsAndTheFirstItems() {
		TestQueue queue = queue(QueueSettings.defaults());
		RedisQueueEngine engine = queue.newEngine();
		List<EnqueueRequest> requests = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			requests.add(EnqueueRequest.of(Lane.topicPosts("big"), "p" + i)
				.withDetails(new ItemDetails("post", "ann", "bob", "preview " + i, null)));
		}
		engine.enqueueAll(requests);
		requests.clear();
		for (int lane = 0; lane < 600; lane++) {
			requests.add(EnqueueRequest.of(Lane.of(String.format("lane-%04d", lane)), "x"));
			if (requests.size() == 100) {
				engine.enqueueAll(requests);
				requests.clear();
			}
		}
		Claim held = engine.claim("w-snap", 1).getFirst();
		assertThat(held.lane()).as("the longest waiting lane").isEqualTo(Lane.topicPosts("big"));

		QueueSnapshot snapshot = engine.snapshot();

		assertThat(snapshot.lanes()).hasSize(601);
		assertThat(snapshot.lanes()).extracting((lane) -> lane.lane().name()).isSorted();
		LaneSnapshot big = snapshot.lanes().stream().filter((lane) -> lane.lane().equals(Lane.topicPosts("big"))).findFirst().orElseThrow();
		assertThat(big.kind()).isEqualTo(LaneKind.TOPIC_POSTS);
		assertThat(big.length()).isEqualTo(8);
		assertThat(big.items()).hasSize(5);
		assertThat(big.items()).extracting((item) -> item.position()).containsExactly(0, 1, 2, 3, 4);
		assertThat(big.items()).extracting((item) -> item.preview()).containsExactly("preview 0", "preview 1", "preview 2",
				"preview 3", "preview 4");
		assertThat(big.items().get(1).estimatedCompletion()).as("fallback 5s per item")
			.isEqualTo(big.items().get(0).estimatedCompletion().plusSeconds(5))
			.isCloseTo(snapshot.takenAt().plusSeconds(10), within(Duration.ofSeconds(1)));
		assertThat(big.inFlight()).isNotNull();
		assertThat(big.inFlight().itemId()).isEqualTo(held.itemId()).isEqualTo(big.items().getFirst().id());
		assertThat(big.inFlight().workerId()).isEqualTo("w-snap");
		assertThat(big.readyAt()).isNull();
		assertThat(snapshot.totalLength()).isEqualTo(608);
	}

	private static void assertRejected(Runnable call, Reason reason) {
		assertThatExceptionOfType(QueueRequestRejectedException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
