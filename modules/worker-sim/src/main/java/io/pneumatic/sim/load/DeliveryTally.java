package io.pneumatic.sim.load;

import java.util.BitSet;

/**
 * What one subscriber received of its job's stream, by seq: which seqs arrived, how many came twice
 * and how many came after a higher one.
 *
 * <p>An event counts as duplicated when its seq arrived before, and as out of order when a higher seq
 * arrived before it (a late duplicate counts as duplicated only). Thread-safe; in practice one
 * WebSocket thread writes and the benchmark reads between steps.
 */
final class DeliveryTally {

	private final BitSet seen = new BitSet();

	private long highestSeq;

	private long duplicated;

	private long outOfOrder;

	/** Records the arrival of an event with this seq (from 1). */
	synchronized void record(long seq) {
		int index = Math.toIntExact(seq);
		if (this.seen.get(index)) {
			this.duplicated++;
			return;
		}
		this.seen.set(index);
		if (seq < this.highestSeq) {
			this.outOfOrder++;
		}
		else {
			this.highestSeq = seq;
		}
	}

	/** The highest seq received so far, 0 if none: where a resumed subscription continues. */
	synchronized long highestSeq() {
		return this.highestSeq;
	}

	/** How many of the {@code expected} seqs have not arrived. */
	synchronized long missing(BitSet expected) {
		BitSet missing = (BitSet) expected.clone();
		missing.andNot(this.seen);
		return missing.cardinality();
	}

	/** Returns the duplicated and out-of-order counts since the last call and starts counting afresh. */
	synchronized Anomalies takeAnomalies() {
		Anomalies anomalies = new Anomalies(this.duplicated, this.outOfOrder);
		this.duplicated = 0;
		this.outOfOrder = 0;
		return anomalies;
	}

	/**
	 * Deliveries that broke the ordering guarantee.
	 * @param duplicated events that arrived more than once (each extra arrival counts)
	 * @param outOfOrder events that arrived after an event with a higher seq
	 */
	record Anomalies(long duplicated, long outOfOrder) {

		/** No anomalies. */
		static final Anomalies NONE = new Anomalies(0, 0);

		/** The sum of both. */
		Anomalies plus(Anomalies other) {
			return new Anomalies(this.duplicated + other.duplicated, this.outOfOrder + other.outOfOrder);
		}

	}

}
