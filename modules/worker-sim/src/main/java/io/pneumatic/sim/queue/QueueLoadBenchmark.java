package io.pneumatic.sim.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ClaimBatch;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.queue.QueueSnapshot;
import io.pneumatic.sim.SimSettings;

/**
 * Queue-load mode: for each lane count, enqueues {@code items} items round robin over that many lanes
 * while {@code workers} threads complete-and-claim them, and reports items/s, claim-call latency and
 * ordering violations; then measures how long a killed worker's item takes to be handed out again.
 *
 * <p>Processing is empty: the numbers are the engine's own cost (Redis function calls over one
 * connection). Prints one {@code metric=value} line per metric. Exit code 0, or
 * {@value #EXIT_ORDER_VIOLATED} when a step saw an ordering violation or did not finish.
 */
@Component
@ConditionalOnProperty(prefix = "pneumatic.sim", name = "mode", havingValue = "queue-load")
final class QueueLoadBenchmark implements ApplicationRunner, ExitCodeGenerator {

	/** The exit code of a run with ordering violations or an unfinished step. */
	static final int EXIT_ORDER_VIOLATED = 3;

	private static final Logger logger = LoggerFactory.getLogger(QueueLoadBenchmark.class);

	private static final int ENQUEUE_BATCH = 100;

	/** An idle worker waits 0.1 ms after its first empty claim, doubling up to 3.2 ms. */
	private static final long IDLE_PARK_NANOS = 100_000;

	private static final int IDLE_DOUBLINGS = 5;

	private static final int SNAPSHOT_ITEMS_PER_LANE = 3;

	private static final int SNAPSHOT_RUNS = 3;

	private final SimSettings.QueueLoad settings;

	private final QueueEngine engine;

	private volatile int exitCode;

	QueueLoadBenchmark(SimSettings settings, QueueEngine engine) {
		this.settings = settings.queueLoad();
		this.engine = engine;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
		logger.info("event=queue_load_started run={} lanes={} items={} workers={} claim_batch={} producers={}", runId,
				this.settings.lanes(), this.settings.items(), this.settings.workers(), this.settings.claimBatch(),
				this.settings.producers());
		int step = 0;
		for (int lanes : this.settings.lanes()) {
			Map<String, Object> result = runStep(runId + "-" + (++step), lanes);
			print(result);
			if (!Boolean.TRUE.equals(result.get("finished")) || ((Long) result.get("ordering_violations")) > 0) {
				this.exitCode = EXIT_ORDER_VIOLATED;
			}
		}
		if (this.settings.redeliveryRuns() > 0) {
			print(measureRedelivery(runId));
		}
		int mostLanes = this.settings.lanes().stream().mapToInt(Integer::intValue).max().orElse(1);
		print(measureSnapshot(runId, mostLanes));
		logger.info("event=queue_load_finished run={} exit_code={}", runId, this.exitCode);
	}

	private Map<String, Object> runStep(String stepId, int laneCount) throws Exception {
		List<Lane> lanes = new ArrayList<>(laneCount);
		for (int i = 0; i < laneCount; i++) {
			lanes.add(Lane.of("qb-" + stepId + "-" + i));
		}
		int items = this.settings.items();
		LaneOrderAudit audit = new LaneOrderAudit();
		Recorder claimLatency = new Recorder(3);
		AtomicLong completed = new AtomicLong();
		AtomicLong lostLeases = new AtomicLong();
		AtomicLong claimCalls = new AtomicLong();
		AtomicLong enqueuedNanos = new AtomicLong();
		int threads = this.settings.producers() + this.settings.workers();
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
			List<Future<?>> tasks = new ArrayList<>();
			AtomicLong producersLeft = new AtomicLong(this.settings.producers());
			for (int p = 0; p < this.settings.producers(); p++) {
				int producer = p;
				tasks.add(pool.submit(() -> {
					produce(producer, lanes, items);
					if (producersLeft.decrementAndGet() == 0) {
						enqueuedNanos.set(System.nanoTime() - started);
					}
				}));
			}
			for (int w = 0; w < this.settings.workers(); w++) {
				String workerId = "bench-" + stepId + "-w" + w;
				tasks.add(pool.submit(() -> work(workerId, items, audit, claimLatency, completed, lostLeases, claimCalls)));
			}
			long deadline = started + this.settings.stepTimeout().toNanos();
			while (completed.get() < items && System.nanoTime() - deadline < 0) {
				LockSupport.parkNanos(5_000_000);
			}
			long elapsed = System.nanoTime() - started;
			for (Future<?> task : tasks) {
				task.cancel(true);
			}
			pool.shutdown();
			pool.awaitTermination(10, TimeUnit.SECONDS);
			Histogram histogram = claimLatency.getIntervalHistogram();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("step", stepId);
			result.put("lanes", laneCount);
			result.put("items", items);
			result.put("workers", this.settings.workers());
			result.put("claim_batch", this.settings.claimBatch());
			result.put("finished", completed.get() >= items);
			result.put("completed", completed.get());
			result.put("seconds", seconds(elapsed));
			result.put("enqueued_per_s", round(items / (enqueuedNanos.get() / 1e9)));
			result.put("completed_per_s", round(completed.get() / (elapsed / 1e9)));
			result.put("claim_calls", claimCalls.get());
			result.put("claims_per_call", round((double) items / Math.max(1, claimCalls.get())));
			result.put("claim_p50_ms", millis(histogram.getValueAtPercentile(50)));
			result.put("claim_p99_ms", millis(histogram.getValueAtPercentile(99)));
			result.put("claim_p99_9_ms", millis(histogram.getValueAtPercentile(99.9)));
			result.put("claim_max_ms", millis(histogram.getMaxValue()));
			result.put("ordering_violations", audit.violations());
			result.put("out_of_order", audit.outOfOrder());
			result.put("overlapping_in_flight", audit.overlapping());
			result.put("lost_leases", lostLeases.get());
			return result;
		}
	}

	private void produce(int producer, List<Lane> lanes, int items) {
		List<EnqueueRequest> batch = new ArrayList<>(ENQUEUE_BATCH);
		for (int i = producer; i < items && !Thread.currentThread().isInterrupted(); i += this.settings.producers()) {
			batch.add(EnqueueRequest.of(lanes.get(i % lanes.size()), "{\"n\":" + i + "}"));
			if (batch.size() == ENQUEUE_BATCH) {
				this.engine.enqueueAll(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			this.engine.enqueueAll(batch);
		}
	}

	private void work(String workerId, int items, LaneOrderAudit audit, Recorder claimLatency, AtomicLong completed,
			AtomicLong lostLeases, AtomicLong claimCalls) {
		List<Claim> held = List.of();
		int idle = 0;
		while (!Thread.currentThread().isInterrupted() && (completed.get() < items || !held.isEmpty())) {
			List<Lease> done = new ArrayList<>(held.size());
			for (Claim claim : held) {
				audit.completing(claim.lane().name());
				done.add(claim.lease());
			}
			long before = System.nanoTime();
			ClaimBatch batch = this.engine.completeAndClaim(workerId, done, this.settings.claimBatch());
			claimLatency.recordValue(System.nanoTime() - before);
			claimCalls.incrementAndGet();
			lostLeases.addAndGet(batch.lostLeases().size());
			completed.addAndGet(done.size() - batch.lostLeases().size());
			for (Claim claim : batch.claims()) {
				audit.claimed(claim.lane().name(), Long.parseLong(claim.itemId()));
			}
			held = batch.claims();
			if (held.isEmpty()) {
				LockSupport.parkNanos(IDLE_PARK_NANOS << Math.min(idle++, IDLE_DOUBLINGS));
			}
			else {
				idle = 0;
			}
		}
	}

	/** A worker claims an item and dies; another, polling, gets the same item once the lease expired. */
	private Map<String, Object> measureRedelivery(String runId) {
		Duration lease = this.settings.redeliveryLease();
		List<Long> overLease = new ArrayList<>();
		for (int run = 0; run < this.settings.redeliveryRuns(); run++) {
			Lane lane = Lane.of("qb-" + runId + "-redelivery-" + run);
			this.engine.enqueue(EnqueueRequest.of(lane, "{}"));
			Claim killed = this.engine.claim("bench-killed", 1, lease).getFirst();
			Claim rescued = null;
			while (rescued == null) {
				LockSupport.parkNanos(this.settings.redeliveryPoll().toNanos());
				List<Claim> claims = this.engine.claim("bench-rescuer", 1, lease);
				rescued = claims.isEmpty() ? null : claims.getFirst();
			}
			if (!rescued.itemId().equals(killed.itemId())) {
				throw new IllegalStateException("Another item than the killed worker's was handed out: " + rescued.itemId());
			}
			long killedAt = killed.leaseDeadline().toEpochMilli() - lease.toMillis();
			long rescuedAt = rescued.leaseDeadline().toEpochMilli() - lease.toMillis();
			overLease.add(rescuedAt - killedAt - lease.toMillis());
			this.engine.complete(rescued.lease());
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("redelivery_runs", overLease.size());
		result.put("redelivery_lease_ms", lease.toMillis());
		result.put("redelivery_poll_ms", this.settings.redeliveryPoll().toMillis());
		result.put("redelivery_over_lease_ms_max", overLease.stream().mapToLong(Long::longValue).max().orElse(0));
		result.put("redelivery_over_lease_ms_mean", round(overLease.stream().mapToLong(Long::longValue).average().orElse(0)));
		return result;
	}

	/**
	 * Fills {@code laneCount} lanes with {@value #SNAPSHOT_ITEMS_PER_LANE} items each (with details, as the
	 * visualization shows them), takes {@value #SNAPSHOT_RUNS} snapshots, then drains the lanes.
	 */
	private Map<String, Object> measureSnapshot(String runId, int laneCount) {
		List<EnqueueRequest> batch = new ArrayList<>(ENQUEUE_BATCH);
		for (int i = 0; i < laneCount * SNAPSHOT_ITEMS_PER_LANE; i++) {
			batch.add(EnqueueRequest.of(Lane.of("qb-" + runId + "-snapshot-" + (i % laneCount)), "{}")
				.withDetails(new ItemDetails("post", "author-" + i, "sender-" + i, "A short preview of item " + i, null)));
			if (batch.size() == ENQUEUE_BATCH) {
				this.engine.enqueueAll(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			this.engine.enqueueAll(batch);
		}
		List<Long> nanos = new ArrayList<>();
		QueueSnapshot snapshot = null;
		for (int run = 0; run < SNAPSHOT_RUNS; run++) {
			long before = System.nanoTime();
			snapshot = this.engine.snapshot();
			nanos.add(System.nanoTime() - before);
		}
		long drained = 0;
		List<Lease> done = List.of();
		while (drained < (long) laneCount * SNAPSHOT_ITEMS_PER_LANE) {
			ClaimBatch claims = this.engine.completeAndClaim("bench-snapshot-drain", done, 100);
			drained += done.size() - claims.lostLeases().size();
			done = claims.claims().stream().map(Claim::lease).toList();
		}
		nanos.sort(Long::compare);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("snapshot_lanes", snapshot.lanes().size());
		result.put("snapshot_items", snapshot.totalLength());
		result.put("snapshot_median_ms", millis(nanos.get(nanos.size() / 2)));
		result.put("snapshot_max_ms", millis(nanos.getLast()));
		return result;
	}

	private static void print(Map<String, Object> result) {
		result.forEach((name, value) -> System.out.println(name + "=" + value));
		System.out.flush();
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
	}

	private static String round(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
