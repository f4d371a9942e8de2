package io.pneumatic.realtime;

import java.util.List;

/**
 * Consumes every job event once per consumer group, whatever the number of app instances.
 *
 * <p>Declare one as a bean: the realtime module reads the job streams for its {@link #group()} with
 * blocking reads on a virtual thread and calls {@link #consume} with batches. A batch is
 * acknowledged only when {@code consume} returns; if it throws, the same events are offered again
 * later (after a back-off), so {@code consume} must be idempotent. Batches hold events of several
 * jobs; within one job they are in sequence order, but after a failure or a reclaim an event may
 * come again after later ones.
 */
public interface EventStreamConsumer {

	/** The Redis consumer group name; lower case letters and dashes. */
	String group();

	/** Handles a batch of events; throwing leaves them pending for a later retry. */
	void consume(List<EventEnvelope> batch) throws Exception;

	/**
	 * Whether this consumer also gets ops events ({@code ops.{cluster}.{namespace}} streams), in the same
	 * group name on the ops streams. They come from a reader of their own: a batch holds either job or ops
	 * events, and ops batches may be consumed concurrently with job batches. Default: {@code false}.
	 */
	default boolean consumesOpsEvents() {
		return false;
	}

}
