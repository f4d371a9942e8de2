package io.pneumatic.realtime.internal.log;

import java.time.Duration;

/**
 * Waits that double from an initial value up to a cap. Not thread-safe: one per retry loop.
 */
public final class ExponentialBackoff {

	private final Duration initial;

	private final Duration max;

	private Duration next;

	public ExponentialBackoff(Duration initial, Duration max) {
		this.initial = (initial.compareTo(max) > 0) ? max : initial;
		this.max = max;
		this.next = this.initial;
	}

	/** The next wait; each call doubles the following one, up to the cap. */
	public Duration next() {
		Duration current = this.next;
		Duration doubled = current.multipliedBy(2);
		this.next = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
		return current;
	}

	/** Starts over from the initial wait. */
	public void reset() {
		this.next = this.initial;
	}

}
