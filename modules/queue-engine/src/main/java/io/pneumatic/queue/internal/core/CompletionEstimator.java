package io.pneumatic.queue.internal.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Estimates when a queued item will be done: an item at position {@code p} (0 for the head) waits for
 * the {@code p} items before it and then its own processing, each taking the moving average of
 * processing times of the lane kind (claim to completion, weighted 0.2 for the newest, kept in Redis).
 *
 * <p>It does not model competition for workers between lanes: with fewer workers than ready lanes, the
 * estimates are early. Thread-safe.
 *
 * @param fallback the processing time assumed while a lane kind has no average yet
 */
public record CompletionEstimator(Duration fallback) {

	public CompletionEstimator {
		if (fallback.isNegative()) {
			throw new IllegalArgumentException("The fallback processing time must not be negative, was " + fallback);
		}
	}

	/**
	 * The estimated completion of an item.
	 * @param now the current time
	 * @param position its place in the lane, 0 for the head
	 * @param averageMillis the average processing time of its lane kind, or {@code null} if none yet
	 */
	public Instant estimate(Instant now, int position, @Nullable Double averageMillis) {
		if (position < 0) {
			throw new IllegalArgumentException("Positions start at 0, was " + position);
		}
		Duration each = (averageMillis != null && averageMillis >= 0) ? Duration.ofNanos(Math.round(averageMillis * 1e6))
				: this.fallback;
		return now.plus(each.multipliedBy(position + 1L));
	}

}
