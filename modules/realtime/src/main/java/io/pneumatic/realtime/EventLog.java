package io.pneumatic.realtime;

import java.util.List;

/**
 * Reads a job's events back in sequence order: from Redis while retained, from the
 * {@link EventArchive} beyond that.
 *
 * <p>Where events are gone from both, a {@code replay_truncated} control event names the missing
 * range ({@code from_seq}, {@code to_seq}) in its place. Thread-safe.
 */
public interface EventLog {

	/**
	 * Returns up to {@code limit} events with a sequence number above {@code afterSeq}, in order,
	 * with {@code replay_truncated} markers where events are gone (markers do not count toward the limit).
	 */
	List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit);

	/** The highest sequence number the job has been given, 0 if none. */
	long headSeq(String jobId);

	/** The lowest sequence number Redis still holds for the job, 0 if it holds none (older ones come from the archive). */
	long oldestRetainedSeq(String jobId);

}
