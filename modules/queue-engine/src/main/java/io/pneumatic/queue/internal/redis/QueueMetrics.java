package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pneumatic.queue.LaneKind;

/**
 * The queue's gauges and counters, read from the library's counters in Redis ({@code queue:stats}), so
 * they cover every app instance and every worker, Java or not. The claim latency timer is recorded by
 * {@link RedisQueueEngine} itself, per instance.
 *
 * <p>Every instance reports the same cluster-wide values: aggregate them with {@code max}, not {@code sum}.
 * Values are read at most once per {@code refreshInterval}; when Redis does not answer, the last ones stay.
 * Thread-safe.
 */
public final class QueueMetrics implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(QueueMetrics.class);

	private final RedisQueueEngine engine;

	private final long refreshNanos;

	private volatile QueueStats current = QueueStats.EMPTY;

	private volatile long readAt;

	private volatile boolean failing;

	public QueueMetrics(RedisQueueEngine engine, Duration refreshInterval) {
		this.engine = engine;
		this.refreshNanos = refreshInterval.toNanos();
		this.readAt = System.nanoTime() - this.refreshNanos;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (LaneKind kind : LaneKind.values()) {
			Gauge.builder("queue.length", this, (metrics) -> metrics.stats().length(kind))
				.description("Items in lanes of this kind, in flight included")
				.tag("kind", kind.tag())
				.strongReference(true)
				.register(registry);
			Gauge.builder("queue.in.flight", this, (metrics) -> metrics.stats().inFlight(kind))
				.description("Items of lanes of this kind that workers hold under a lease")
				.tag("kind", kind.tag())
				.strongReference(true)
				.register(registry);
		}
		FunctionCounter.builder("queue.lease.expiries", this, (metrics) -> metrics.stats().leaseExpiries())
			.description("Leases that expired, their items handed out again or dead-lettered (all instances)")
			.register(registry);
		FunctionCounter.builder("queue.dead.letters", this, (metrics) -> metrics.stats().deadLettered())
			.description("Items moved to the dead-letter list (all instances)")
			.register(registry);
		Gauge.builder("queue.dead.letters.waiting", this, (metrics) -> metrics.stats().deadLetters())
			.description("Items in the dead-letter list now")
			.strongReference(true)
			.register(registry);
	}

	/** The counters, read again if the last read is older than the refresh interval. */
	QueueStats stats() {
		if (System.nanoTime() - this.readAt >= this.refreshNanos) {
			refresh();
		}
		return this.current;
	}

	private synchronized void refresh() {
		if (System.nanoTime() - this.readAt < this.refreshNanos) {
			return;
		}
		try {
			this.current = this.engine.stats();
			if (this.failing) {
				logger.info("event=queue_stats_recovered");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				logger.warn("event=queue_stats_failed error=\"{}\"", ex.getMessage());
				this.failing = true;
			}
		}
		finally {
			this.readAt = System.nanoTime();
		}
	}

}
