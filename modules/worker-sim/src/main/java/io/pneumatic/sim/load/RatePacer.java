package io.pneumatic.sim.load;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate publish schedule: event {@code i} is due at {@code start + i / rate}.
 *
 * <p>Callers wait for an event's intended time and report that time, not the time they got to send:
 * when the publisher falls behind it sends the backlog at once and the delay shows up as latency
 * (no coordinated omission). Thread-safe: several threads may share one schedule.
 */
final class RatePacer {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final long startNanos;

	private final long eventsPerSecond;

	private final Clock clock;

	RatePacer(long startNanos, long eventsPerSecond, Clock clock) {
		if (eventsPerSecond < 1) {
			throw new IllegalArgumentException("eventsPerSecond must be at least 1, was " + eventsPerSecond);
		}
		this.startNanos = startNanos;
		this.eventsPerSecond = eventsPerSecond;
		this.clock = clock;
	}

	/** When event {@code index} (from 0) is due. */
	long intendedNanos(long index) {
		return this.startNanos + Math.multiplyExact(index, NANOS_PER_SECOND) / this.eventsPerSecond;
	}

	/** How many events are due before {@code endNanos}. */
	long eventsBefore(long endNanos) {
		long span = endNanos - this.startNanos;
		return (span <= 0) ? 0 : Math.ceilDiv(Math.multiplyExact(span, this.eventsPerSecond), NANOS_PER_SECOND);
	}

	/** Waits until event {@code index} is due (not at all if it is overdue) and returns its intended time. */
	long awaitTurn(long index) {
		long intended = intendedNanos(index);
		this.clock.parkUntil(intended);
		return intended;
	}

	/** The time source of a schedule; {@link #SYSTEM} in production. */
	interface Clock {

		/** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
		Clock SYSTEM = new Clock() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void parkNanos(long nanos) {
				LockSupport.parkNanos(nanos);
			}

		};

		/** The current time in nanoseconds, comparable only within this JVM. */
		long nanoTime();

		/** Waits about {@code nanos}, possibly less. */
		void parkNanos(long nanos);

		/** Waits until {@link #nanoTime()} reaches {@code dueNanos}; not at all if it has. */
		default void parkUntil(long dueNanos) {
			for (long wait = dueNanos - nanoTime(); wait > 0; wait = dueNanos - nanoTime()) {
				parkNanos(wait);
			}
		}

	}

}
