package io.pneumatic.realtime.internal.consume;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;

/**
 * A consumer that keeps up to {@code batchesInFlight} batches unfinished until the test finishes
 * (or fails) them, like the broker relay waiting for RECEIPTs.
 */
class PipelinedConsumer implements EventStreamConsumer {

	private final String group;

	private final int batchesInFlight;

	private final List<HandedBatch> handed = Collections.synchronizedList(new ArrayList<>());

	PipelinedConsumer(String group, int batchesInFlight) {
		this.group = group;
		this.batchesInFlight = batchesInFlight;
	}

	@Override
	public String group() {
		return this.group;
	}

	@Override
	public void consume(List<EventEnvelope> batch) {
		throw new UnsupportedOperationException("the reader hands batches over with consumeAsync");
	}

	@Override
	public CompletionStage<Void> consumeAsync(List<EventEnvelope> batch) {
		HandedBatch handedBatch = new HandedBatch(batch.stream().map(EventEnvelope::seq).toList(), new CompletableFuture<>());
		this.handed.add(handedBatch);
		return handedBatch.consumed();
	}

	@Override
	public int batchesInFlight() {
		return this.batchesInFlight;
	}

	/** The batches handed over so far, oldest first. */
	List<HandedBatch> handed() {
		synchronized (this.handed) {
			return List.copyOf(this.handed);
		}
	}

	HandedBatch batch(int index) {
		return handed().get(index);
	}

	/**
	 * @param seqs the seqs of the batch's events
	 * @param consumed to complete (or fail) from the test
	 */
	record HandedBatch(List<Long> seqs, CompletableFuture<Void> consumed) {
	}

}
