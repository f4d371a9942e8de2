package io.pneumatic.realtime;

import java.time.Instant;
import java.util.List;

/**
 * The durable record of events beyond Redis retention, provided by the application (PostgreSQL).
 *
 * <p>The realtime module reads it for replay and to restore sequence numbers after Redis lost its data.
 */
public interface EventArchive {

	/** Up to {@code limit} archived events of a job with a sequence number above {@code afterSeq}, in order. */
	List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit);

	/**
	 * The highest archived sequence number of every job that is still open, or that finished after
	 * {@code finishedSince}.
	 */
	List<SequenceFloor> sequenceFloors(Instant finishedSince);

	/**
	 * The highest archived sequence number of one job.
	 * @param jobId the job
	 * @param lastSeq the highest sequence number in the archive
	 * @param finished whether the archive holds the job's {@code done} event
	 */
	record SequenceFloor(String jobId, long lastSeq, boolean finished) {
	}

}
