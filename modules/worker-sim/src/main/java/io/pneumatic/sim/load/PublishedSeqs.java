package io.pneumatic.sim.load;

import java.util.BitSet;

/**
 * The seqs the benchmark published to one job during one step: what each of its subscribers must receive.
 *
 * <p>Thread-safe: several publisher threads add to it.
 */
final class PublishedSeqs {

	private final BitSet seqs = new BitSet();

	private long highest;

	/** Records a published seq. */
	synchronized void add(long seq) {
		this.seqs.set(Math.toIntExact(seq));
		this.highest = Math.max(this.highest, seq);
	}

	/** The highest published seq, 0 if none. */
	synchronized long highest() {
		return this.highest;
	}

	/** How many seqs were published. */
	synchronized long count() {
		return this.seqs.cardinality();
	}

	/** A copy of the published seqs. */
	synchronized BitSet toBitSet() {
		return (BitSet) this.seqs.clone();
	}

}
