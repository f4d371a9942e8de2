package io.pneumatic.sim.queue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks the claims of a benchmark against the queue's promises, per lane: item ids (increasing in
 * enqueue order) never go backwards, and no item is claimed while the lane's previous one is in flight.
 *
 * <p>Call {@link #claimed} when a claim returns and {@link #completing} before sending its completion.
 * Redelivery of the same item after an expired lease is not a violation of order (same id), but is one
 * of single-in-flight unless {@link #abandoned} was called: the benchmark's leases do not expire.
 * Thread-safe and lock-free.
 */
final class LaneOrderAudit {

	private final ConcurrentHashMap<String, Long> lastClaimed = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Long> inFlight = new ConcurrentHashMap<>();

	private final LongAdder outOfOrder = new LongAdder();

	private final LongAdder overlapping = new LongAdder();

	/** A claim of {@code itemId} in {@code lane} returned. */
	void claimed(String lane, long itemId) {
		this.lastClaimed.merge(lane, itemId, (previous, id) -> {
			if (id < previous) {
				this.outOfOrder.increment();
			}
			return Math.max(previous, id);
		});
		if (this.inFlight.putIfAbsent(lane, itemId) != null) {
			this.overlapping.increment();
		}
	}

	/** The completion of the lane's in-flight item is about to be sent. */
	void completing(String lane) {
		this.inFlight.remove(lane);
	}

	/** The lane's in-flight item was given up (its lease will expire): its redelivery is expected. */
	void abandoned(String lane) {
		this.inFlight.remove(lane);
	}

	/** Claims of an item enqueued before one already claimed in the same lane. */
	long outOfOrder() {
		return this.outOfOrder.sum();
	}

	/** Claims of a lane whose previous item was still in flight. */
	long overlapping() {
		return this.overlapping.sum();
	}

	/** All violations. */
	long violations() {
		return outOfOrder() + overlapping();
	}

}
