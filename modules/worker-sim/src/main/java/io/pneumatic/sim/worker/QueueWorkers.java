package io.pneumatic.sim.worker;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.EventPublisher;

/**
 * The queue workers of this process: {@code workers} {@link QueueWorker}s, each on its own virtual
 * thread, from start until stop.
 *
 * <p>Worker ids are {@code sim-<random>-<n>}, shown in queue snapshots. Stopping interrupts the workers:
 * one in the middle of an item reports the attempt failed (so another worker retries it after the
 * backoff, without waiting for the lease to expire), one that finished an item completes it.
 */
final class QueueWorkers implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QueueWorkers.class);

	private static final long STOP_GRACE_MILLIS = 5_000;

	private final QueueEngine engine;

	private final EventPublisher publisher;

	private final JsonMapper json;

	private final WorkerOptions options;

	private final String idPrefix = "sim-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private final List<Thread> threads = new ArrayList<>();

	QueueWorkers(QueueEngine engine, EventPublisher publisher, JsonMapper json, WorkerOptions options) {
		this.engine = engine;
		this.publisher = publisher;
		this.json = json;
		this.options = options;
	}

	@Override
	public synchronized void start() {
		if (!this.threads.isEmpty()) {
			return;
		}
		SplittableRandom seeds = new SplittableRandom();
		for (int n = 1; n <= this.options.workers(); n++) {
			String workerId = workerIds().get(n - 1);
			QueueWorker worker = new QueueWorker(workerId, this.engine, this.publisher, this.json, seeds.split(),
					this.options);
			this.threads.add(Thread.ofVirtual().name("queue-worker-" + n).start(worker));
		}
		logger.info("event=queue_workers_started workers={} poll_interval={} flag_probability={} time_scale={}",
				this.options.workers(), this.options.pollInterval(), this.options.flagProbability(),
				this.options.timeScale());
	}

	@Override
	public synchronized void stop() {
		this.threads.forEach(Thread::interrupt);
		long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
		try {
			for (Thread thread : this.threads) {
				thread.join(Math.max(1, deadline - System.currentTimeMillis()));
				if (thread.isAlive()) {
					logger.warn("event=queue_worker_stop_timeout thread={} grace_ms={}", thread.getName(), STOP_GRACE_MILLIS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.threads.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return !this.threads.isEmpty();
	}

	/** The prefix of this process's worker ids, {@code sim-<random>}. */
	String idPrefix() {
		return this.idPrefix;
	}

	/** The ids of this process's workers: {@code sim-<random>-1} to {@code -<workers>}. */
	List<String> workerIds() {
		return IntStream.rangeClosed(1, this.options.workers()).mapToObj((n) -> this.idPrefix + "-" + n).toList();
	}

}
