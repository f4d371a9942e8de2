package io.pneumatic.api.jobs;

import org.jspecify.annotations.Nullable;

import io.pneumatic.realtime.EventEnvelope;

/**
 * An event of a job's history: an envelope of a {@code jobs.{jobId}} stream that has a seq.
 *
 * @param jobId the job
 * @param seq the event's sequence number in the job's stream
 * @param envelope the event as the log delivered it
 */
record JobEvent(String jobId, long seq, EventEnvelope envelope) {

	private static final String JOB_STREAM_PREFIX = EventEnvelope.jobStream("");

	/** The job event an envelope is, or {@code null} for a control event or one of another stream. */
	static @Nullable JobEvent of(EventEnvelope envelope) {
		Long seq = envelope.seq();
		if (seq == null || !envelope.stream().startsWith(JOB_STREAM_PREFIX)) {
			return null;
		}
		return new JobEvent(envelope.stream().substring(JOB_STREAM_PREFIX.length()), seq, envelope);
	}

}
