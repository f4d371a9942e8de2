package io.pneumatic.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes every job event once per consumer group, whatever the number of app instances.
 *
 * <p>Declare one as a bean: the realtime module reads the job streams for its {@link #group()} with
 * blocking reads on a virtual thread and hands it batches through {@link #consumeAsync}, which by
 * default calls {@link #consume}. A batch is acknowledged only once it is consumed; if consuming
 * fails, the same events are offered again later (after a back-off), so consuming must be
 * idempotent. Batches hold events of several jobs; within one job they are in sequence order, but
 * after a failure or a reclaim an event may come again after later ones.
 */
public interface EventStreamConsumer {

	/** The Redis consumer group name; lower case letters and dashes. */
	String group();

	/** Handles a batch of events; throwing leaves them pending for a later retry. */
	void consume(List<EventEnvelope> batch) throws Exception;

	/**
	 * Starts handling a batch and returns a stage that completes once it is handled, or fails, leaving
	 * the events pending for a later retry. The reader goes on reading while up to
	 * {@link #batchesInFlight()} batches are unfinished, and acknowledges each batch when its stage
	 * completes, in the order it handed them over. Default: {@link #consume}, done before it returns.
	 */
	default CompletionStage<Void> consumeAsync(List<EventEnvelope> batch) {
		try {
			consume(batch);
			return CompletableFuture.completedFuture(null);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * How many batches handed to {@link #consumeAsync} may be unfinished at once; 1 means one batch at
	 * a time. Default: 1.
	 */
	default int batchesInFlight() {
		return 1;
	}

	/**
	 * The least time from one read of the streams to the next, so that a consumer for which a short delay
	 * does not matter (persistence) gets fewer, fuller batches. A read that filled a batch for some stream
	 * is followed at once. Default: zero, read again at once.
	 */
	default Duration readInterval() {
		return Duration.ZERO;
	}

	/**
	 * Whether this consumer also gets ops events ({@code ops.{cluster}.{namespace}} streams), in the same
	 * group name on the ops streams. They come from a reader of their own: a batch holds either job or ops
	 * events, and ops batches may be consumed concurrently with job batches. Default: {@code false}.
	 */
	default boolean consumesOpsEvents() {
		return false;
	}

}
