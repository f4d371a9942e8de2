package io.pneumatic.queue.internal.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ClaimBatch;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.FailOutcome;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.queue.testing.TestQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many workers on two engine instances (as two app instances would have) over many lanes, with random
 * claims, batches, heartbeats, failures and crashes, checked against the queue's promises: per lane, the
 * items complete in enqueue order, each exactly once, and no lane ever has two valid leases at a time.
 */
class QueueConcurrencyIntegrationTests {

	private static final Duration LEASE = Duration.ofMillis(400);

	private static final int LANES = 60;

	private static final int ITEMS = 3000;

	private static final int WORKERS = 12;

	private final TestQueue queue = new TestQueue(QueueSettings.defaults()
		.withLease(LEASE)
		.withRetries(1000, Duration.ofMillis(5), Duration.ofMillis(20))
		.withIdleLaneTtl(Duration.ZERO));

	/** Item ids enqueued per lane (recorded after the enqueue returned, so possibly after their claim). */
	private final Map<String, ConcurrentSkipListSet<Long>> enqueued = new ConcurrentHashMap<>();

	/** Item ids completed (recorded under their lane's lock, right after Redis confirmed). */
	private final Set<Long> completedIds = ConcurrentHashMap.newKeySet();

	/** Item ids whose completion call is under way (under their lane's lock). */
	private final Set<Long> settlingIds = ConcurrentHashMap.newKeySet();

	/** Item ids completed per lane, in completion order (completions of a lane are recorded under its lock). */
	private final Map<String, List<Long>> completedInOrder = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> laneLocks = new ConcurrentHashMap<>();

	/** The lease each lane was last handed out under. */
	private final Map<String, Holder> holders = new ConcurrentHashMap<>();

	private final Queue<String> violations = new ConcurrentLinkedQueue<>();

	private final AtomicInteger completed = new AtomicInteger();

	private final AtomicInteger crashes = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicLong staleRefused = new AtomicLong();

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void keepsEveryLaneInOrderWithOneItemInFlightUnderRandomLoad() throws Exception {
		List<RedisQueueEngine> instances = List.of(this.queue.newEngine(), this.queue.newEngine());
		try (ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 2)) {
			List<Future<?>> tasks = new ArrayList<>();
			tasks.add(threads.submit(() -> produce(instances.get(0), ITEMS / 2)));
			tasks.add(threads.submit(() -> produce(instances.get(1), ITEMS - ITEMS / 2)));
			for (int worker = 0; worker < WORKERS; worker++) {
				RedisQueueEngine engine = instances.get(worker % 2);
				String workerId = "worker-" + worker;
				tasks.add(threads.submit(() -> work(engine, workerId)));
			}
			await().atMost(Duration.ofSeconds(40)).until(() -> this.completed.get() >= ITEMS || !this.violations.isEmpty());
			for (Future<?> task : tasks) {
				task.cancel(true);
			}
		}

		assertThat(this.violations).isEmpty();
		assertThat(this.completed.get()).isEqualTo(ITEMS);
		assertThat(this.crashes.get()).as("the test crashed some workers").isPositive();
		assertThat(this.failures.get()).as("the test failed some attempts").isPositive();
		for (Map.Entry<String, ConcurrentSkipListSet<Long>> lane : this.enqueued.entrySet()) {
			List<Long> expected = List.copyOf(lane.getValue());
			assertThat(this.completedInOrder.get(lane.getKey())).as("completion order of %s", lane.getKey())
				.containsExactlyElementsOf(expected);
		}
		QueueStats stats = instances.getFirst().stats();
		assertThat(stats.completed()).isEqualTo(ITEMS);
		assertThat(stats.leaseExpiries()).isGreaterThanOrEqualTo(this.crashes.get());
		assertThat(stats.lengths().values()).containsOnly(0L);
		assertThat(stats.inFlight().values()).containsOnly(0L);
		assertThat(this.queue.laneAndItemKeys()).as("no lane or item left in Redis").isEmpty();
	}

	private void produce(QueueEngine engine, int items) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int sent = 0;
		while (sent < items && !Thread.currentThread().isInterrupted()) {
			int batch = Math.min(items - sent, 1 + random.nextInt(10));
			List<EnqueueRequest> requests = new ArrayList<>();
			for (int i = 0; i < batch; i++) {
				requests.add(EnqueueRequest.of(Lane.of("lane-" + random.nextInt(LANES)), "{\"n\":" + (sent + i) + "}"));
			}
			for (Enqueued item : engine.enqueueAll(requests)) {
				long id = Long.parseLong(item.itemId());
				this.enqueued.computeIfAbsent(item.lane().name(), (lane) -> new ConcurrentSkipListSet<>()).add(id);
			}
			sent += batch;
			LockSupport.parkNanos(random.nextLong(200_000));
		}
	}

	private void work(RedisQueueEngine engine, String workerId) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		List<Claim> toComplete = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			List<Claim> claims;
			if (!toComplete.isEmpty() && random.nextBoolean()) {
				claims = completeAndClaim(engine, workerId, toComplete, 1 + random.nextInt(4));
			}
			else {
				toComplete.forEach((claim) -> complete(engine, claim));
				claims = engine.claim(workerId, 1 + random.nextInt(4));
			}
			toComplete = new ArrayList<>();
			if (claims.isEmpty()) {
				LockSupport.parkNanos(1_000_000);
				continue;
			}
			for (Claim claim : claims) {
				checkHandedOut(claim);
				int fate = random.nextInt(100);
				if (fate < 2) {
					this.crashes.incrementAndGet();
					continue;
				}
				if (fate < 7) {
					if (engine.heartbeat(claim.lease()).isEmpty()) {
						continue;
					}
					this.holders.computeIfPresent(claim.lane().name(), (lane, holder) -> holder.lease().equals(claim.lease())
							? new Holder(claim.lease(), System.currentTimeMillis() + LEASE.toMillis()) : holder);
				}
				if (fate >= 7 && fate < 12) {
					markHolderSettling(claim);
					if (engine.fail(claim.lease(), "random failure") == FailOutcome.RETRY_SCHEDULED) {
						this.failures.incrementAndGet();
					}
					continue;
				}
				toComplete.add(claim);
			}
		}
	}

	/** FIFO: every item enqueued earlier is completed; single in flight: the lane's previous lease is over. */
	private void checkHandedOut(Claim claim) {
		String lane = claim.lane().name();
		long id = Long.parseLong(claim.itemId());
		ConcurrentSkipListSet<Long> lanesItems = this.enqueued.get(lane);
		if (lanesItems != null) {
			for (long earlier : lanesItems.headSet(id)) {
				// Settling first: a completion is added to completedIds before it leaves settlingIds, so in
				// this order an item being completed right now is seen in one set or the other.
				if (!this.settlingIds.contains(earlier) && !this.completedIds.contains(earlier)) {
					this.violations.add("lane " + lane + " handed out item " + id + " while earlier item " + earlier
							+ " was not completed");
				}
			}
		}
		long claimedAt = claim.leaseDeadline().toEpochMilli() - LEASE.toMillis();
		Holder previous = this.holders.put(lane, new Holder(claim.lease(), claim.leaseDeadline().toEpochMilli()));
		if (previous != null && !previous.settling() && claimedAt < previous.deadlineMillis()) {
			this.violations.add("lane " + lane + " handed out item " + id + " at " + claimedAt + " while lease "
					+ previous.lease() + " held it until " + previous.deadlineMillis());
		}
	}

	private void complete(RedisQueueEngine engine, Claim claim) {
		withLaneLocks(List.of(claim), () -> {
			markSettling(claim);
			boolean done = engine.complete(claim.lease());
			recordCompletion(claim, done);
			return null;
		});
	}

	private List<Claim> completeAndClaim(RedisQueueEngine engine, String workerId, List<Claim> done, int max) {
		return withLaneLocks(done, () -> {
			done.forEach(this::markSettling);
			ClaimBatch batch = engine.completeAndClaim(workerId, done.stream().map(Claim::lease).toList(), max);
			for (Claim claim : done) {
				recordCompletion(claim, !batch.lostLeases().contains(claim.lease()));
			}
			return batch.claims();
		});
	}

	private void markSettling(Claim claim) {
		this.settlingIds.add(Long.parseLong(claim.itemId()));
		markHolderSettling(claim);
	}

	/** The lease is about to end (complete or fail): the lane may be handed out as soon as Redis has it. */
	private void markHolderSettling(Claim claim) {
		this.holders.computeIfPresent(claim.lane().name(),
				(key, holder) -> holder.lease().equals(claim.lease()) ? holder.settlingNow() : holder);
	}

	private void recordCompletion(Claim claim, boolean completed) {
		String lane = claim.lane().name();
		long id = Long.parseLong(claim.itemId());
		if (!completed) {
			// Lease lost (expired while this worker was slow): the item comes again, or came and was completed.
			this.settlingIds.remove(id);
			this.staleRefused.incrementAndGet();
			return;
		}
		List<Long> order = this.completedInOrder.computeIfAbsent(lane, (key) -> new ArrayList<>());
		if (!this.completedIds.add(id)) {
			this.violations.add("lane " + lane + " completed item " + id + " twice");
		}
		this.settlingIds.remove(id);
		order.add(id);
		this.completed.incrementAndGet();
	}

	private <T> T withLaneLocks(List<Claim> claims, Supplier<T> action) {
		List<ReentrantLock> locks = claims.stream()
			.map((claim) -> claim.lane().name())
			.distinct()
			.sorted(Comparator.naturalOrder())
			.map((lane) -> this.laneLocks.computeIfAbsent(lane, (key) -> new ReentrantLock()))
			.toList();
		locks.forEach(ReentrantLock::lock);
		try {
			return action.get();
		}
		finally {
			locks.reversed().forEach(ReentrantLock::unlock);
		}
	}

	private record Holder(Lease lease, long deadlineMillis, boolean settling) {

		Holder(Lease lease, long deadlineMillis) {
			this(lease, deadlineMillis, false);
		}

		Holder settlingNow() {
			return new Holder(this.lease, this.deadlineMillis, true);
		}

	}

}
