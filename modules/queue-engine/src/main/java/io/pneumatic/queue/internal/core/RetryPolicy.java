package io.pneumatic.queue.internal.core;

import java.time.Duration;

/**
 * How often an item is tried and how long its lane waits between attempts.
 *
 * <p>Every claim is an attempt, whether it ends by failure or by an expired lease. After a failed
 * attempt {@code n} (1-based) the lane waits {@code min(backoffMax, backoffBase × 2^(n-1))}; an expired
 * lease hands the item out again at once (the lease itself was the wait). The attempt numbered
 * {@code maxAttempts} is the last: if it fails or expires, the item is dead-lettered.
 *
 * @param maxAttempts how many claims an item gets, at least 1
 * @param backoffBase the wait after the first failed attempt; zero retries at once
 * @param backoffMax the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration backoffBase, Duration backoffMax) {

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException("Backoff must satisfy 0 <= base <= max, was base " + backoffBase
					+ " and max " + backoffMax);
		}
	}

	/** Whether the item gets another attempt after attempt {@code attempt} (1-based) failed. */
	public boolean retriesAfter(int attempt) {
		return attempt < this.maxAttempts;
	}

	/** How long the lane waits after attempt {@code failedAttempt} (1-based) failed. */
	public Duration backoffAfter(int failedAttempt) {
		if (failedAttempt < 1) {
			throw new IllegalArgumentException("Attempts count from 1, was " + failedAttempt);
		}
		long base = this.backoffBase.toMillis();
		long max = this.backoffMax.toMillis();
		if (base == 0) {
			return Duration.ZERO;
		}
		// Same as the library's math.min(max, base * 2 ^ (n - 1)), without overflow.
		int doublings = failedAttempt - 1;
		if (doublings >= 62 || base > (max >> Math.min(doublings, 62))) {
			return Duration.ofMillis(max);
		}
		return Duration.ofMillis(Math.min(max, base << doublings));
	}

}
