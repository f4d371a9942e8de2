package io.pneumatic.realtime.internal.replay;

import java.util.List;

import io.pneumatic.realtime.EventEnvelope;

/**
 * What a {@link ReplayCursor} reads from and writes to; called from the thread that owns the cursor
 * only (a STOMP session's lane, an SSE client's thread).
 *
 * @param <M> the type of the live messages the cursor passes on
 */
public interface CursorOutput<M> {

	/** Up to {@code limit} events of the job after {@code afterSeq}, with truncation markers. */
	List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit);

	/** The highest sequence number the job has been given. */
	long headSeq(String jobId);

	/** The lowest sequence number Redis still holds for the job, 0 if none. */
	long oldestRetainedSeq(String jobId);

	/** A replay after {@code last-seq} caught up, with this outcome. */
	void replayed(ReplayOutcome outcome);

	/** Writes a message that came live from the broker to the client. */
	void deliverLive(M message);

	/** Writes an event read from the event log (or a control event) to the client. */
	void deliverFromLog(EventEnvelope event);

}
