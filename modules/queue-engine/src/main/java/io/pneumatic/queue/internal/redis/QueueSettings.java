package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.pneumatic.queue.internal.core.CompletionEstimator;
import io.pneumatic.queue.internal.core.RetryPolicy;

/**
 * Settings of the queue engine, under {@code pneumatic.queue}, checked when bound.
 *
 * <p>They are rendered into the Redis function library, which is shared by every app instance on the
 * same Redis: give all instances the same values (the last one to start wins).
 *
 * @param lease how long a claim holds its item unless the worker sends a heartbeat (the visibility
 *     timeout). Default: 30s.
 * @param maxAttempts how many claims an item gets before it is dead-lettered. Default: 5.
 * @param backoffBase how long a lane waits after the first failed attempt; doubled after each further
 *     one. Default: 1s.
 * @param backoffMax the longest wait between attempts. Default: 60s.
 * @param idleLaneTtl how long an empty lane stays listed in snapshots before it is forgotten; 0 forgets
 *     it at once. Default: 30s.
 * @param dedupWindow how long an enqueue's client key maps to its item. Default: 5m.
 * @param maxParamsBytes the largest item params, in UTF-8 bytes. Default: 65536.
 * @param maxPreviewBytes previews are cut to this many UTF-8 bytes. Default: 280.
 * @param snapshotItemsPerLane how many items of each lane a snapshot lists (lengths are always exact).
 *     Default: 5.
 * @param sweepInterval how often an app instance expires overdue leases and forgets idle lanes (claims
 *     expire overdue leases too). Default: 1s.
 * @param fallbackProcessingTime the processing time estimates assume for a lane kind that has completed
 *     nothing yet. Default: 5s.
 */
@ConfigurationProperties("pneumatic.queue")
public record QueueSettings(
		@DefaultValue("30s") Duration lease,
		@DefaultValue("5") int maxAttempts,
		@DefaultValue("1s") Duration backoffBase,
		@DefaultValue("60s") Duration backoffMax,
		@DefaultValue("30s") Duration idleLaneTtl,
		@DefaultValue("5m") Duration dedupWindow,
		@DefaultValue("65536") int maxParamsBytes,
		@DefaultValue("280") int maxPreviewBytes,
		@DefaultValue("5") int snapshotItemsPerLane,
		@DefaultValue("1s") Duration sweepInterval,
		@DefaultValue("5s") Duration fallbackProcessingTime) {

	private static final Duration MIN_LEASE = Duration.ofMillis(10);

	private static final Duration MAX_LEASE = Duration.ofHours(12);

	private static final int MAX_PARAMS_BYTES = 16 * 1024 * 1024;

	public QueueSettings {
		require(lease.compareTo(MIN_LEASE) >= 0 && lease.compareTo(MAX_LEASE) <= 0,
				"pneumatic.queue.lease must be from 10ms to 12h, was " + lease + ": set it to how long a worker may "
						+ "hold an item without a heartbeat, e.g. 30s");
		require(maxAttempts >= 1 && maxAttempts <= 1000,
				"pneumatic.queue.max-attempts must be from 1 to 1000, was " + maxAttempts);
		require(!backoffBase.isNegative() && backoffBase.toMillis() <= Integer.MAX_VALUE,
				"pneumatic.queue.backoff-base must be 0s or more, was " + backoffBase);
		require(backoffMax.compareTo(backoffBase) >= 0 && backoffMax.toMillis() <= Integer.MAX_VALUE,
				"pneumatic.queue.backoff-max must be at least pneumatic.queue.backoff-base (" + backoffBase + "), was "
						+ backoffMax);
		require(!idleLaneTtl.isNegative(), "pneumatic.queue.idle-lane-ttl must be 0s or more, was " + idleLaneTtl);
		require(dedupWindow.toMillis() >= 1, "pneumatic.queue.dedup-window must be at least 1ms, was " + dedupWindow
				+ ": set it to how long a client may retry an enqueue, e.g. 5m");
		require(maxParamsBytes >= 1 && maxParamsBytes <= MAX_PARAMS_BYTES,
				"pneumatic.queue.max-params-bytes must be from 1 to " + MAX_PARAMS_BYTES + ", was " + maxParamsBytes);
		require(maxPreviewBytes >= 0 && maxPreviewBytes <= 65536,
				"pneumatic.queue.max-preview-bytes must be from 0 to 65536, was " + maxPreviewBytes);
		require(snapshotItemsPerLane >= 0 && snapshotItemsPerLane <= 100,
				"pneumatic.queue.snapshot-items-per-lane must be from 0 to 100, was " + snapshotItemsPerLane);
		require(sweepInterval.toMillis() >= 10, "pneumatic.queue.sweep-interval must be at least 10ms, was " + sweepInterval);
		require(!fallbackProcessingTime.isNegative(),
				"pneumatic.queue.fallback-processing-time must be 0s or more, was " + fallbackProcessingTime);
	}

	/** The defaults, as bound without any property. */
	public static QueueSettings defaults() {
		return new QueueSettings(Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
				Duration.ofSeconds(30), Duration.ofMinutes(5), 65536, 280, 5, Duration.ofSeconds(1), Duration.ofSeconds(5));
	}

	/** The retry rules. */
	public RetryPolicy retryPolicy() {
		return new RetryPolicy(this.maxAttempts, this.backoffBase, this.backoffMax);
	}

	/** The completion estimates. */
	public CompletionEstimator completionEstimator() {
		return new CompletionEstimator(this.fallbackProcessingTime);
	}

	/** The same settings with another lease. */
	public QueueSettings withLease(Duration newLease) {
		return new QueueSettings(newLease, this.maxAttempts, this.backoffBase, this.backoffMax, this.idleLaneTtl,
				this.dedupWindow, this.maxParamsBytes, this.maxPreviewBytes, this.snapshotItemsPerLane, this.sweepInterval,
				this.fallbackProcessingTime);
	}

	/** The same settings with other retry rules. */
	public QueueSettings withRetries(int newMaxAttempts, Duration newBackoffBase, Duration newBackoffMax) {
		return new QueueSettings(this.lease, newMaxAttempts, newBackoffBase, newBackoffMax, this.idleLaneTtl,
				this.dedupWindow, this.maxParamsBytes, this.maxPreviewBytes, this.snapshotItemsPerLane, this.sweepInterval,
				this.fallbackProcessingTime);
	}

	/** The same settings with another idle lane TTL. */
	public QueueSettings withIdleLaneTtl(Duration newIdleLaneTtl) {
		return new QueueSettings(this.lease, this.maxAttempts, this.backoffBase, this.backoffMax, newIdleLaneTtl,
				this.dedupWindow, this.maxParamsBytes, this.maxPreviewBytes, this.snapshotItemsPerLane, this.sweepInterval,
				this.fallbackProcessingTime);
	}

	/** The same settings with other size limits. */
	public QueueSettings withLimits(int newMaxParamsBytes, int newMaxPreviewBytes, Duration newDedupWindow) {
		return new QueueSettings(this.lease, this.maxAttempts, this.backoffBase, this.backoffMax, this.idleLaneTtl,
				newDedupWindow, newMaxParamsBytes, newMaxPreviewBytes, this.snapshotItemsPerLane, this.sweepInterval,
				this.fallbackProcessingTime);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
