package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Calls {@link RedisQueueEngine#sweep()} every {@code pneumatic.queue.sweep-interval} on a virtual
 * thread: overdue leases expire (and count in the metrics) even when no worker claims, and idle lanes
 * are forgotten. Every app instance runs one; sweeps are atomic, so they never conflict.
 */
public final class QueueSweeper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QueueSweeper.class);

	private final RedisQueueEngine engine;

	private final Duration interval;

	private volatile @Nullable Thread thread;

	private volatile boolean failing;

	public QueueSweeper(RedisQueueEngine engine, Duration interval) {
		this.engine = engine;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.thread == null) {
			this.thread = Thread.ofVirtual().name("queue-sweeper").start(this::run);
		}
	}

	@Override
	public synchronized void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				RedisQueueEngine.Sweep sweep = this.engine.sweep();
				if (sweep.expiredLeases() > 0) {
					logger.info("event=queue_leases_expired count={}", sweep.expiredLeases());
				}
				if (this.failing) {
					logger.info("event=queue_sweep_recovered");
					this.failing = false;
				}
			}
			catch (RuntimeException ex) {
				if (!this.failing) {
					logger.warn("event=queue_sweep_failed error=\"{}\"", ex.getMessage());
					this.failing = true;
				}
			}
			try {
				Thread.sleep(this.interval);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
