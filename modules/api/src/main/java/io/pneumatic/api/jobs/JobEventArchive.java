package io.pneumatic.api.jobs;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventEnvelope;

/**
 * The {@link EventArchive} in PostgreSQL: the events the {@code persist} group recorded.
 */
@Component
class JobEventArchive implements EventArchive {

	private final JobEvents events;

	JobEventArchive(JobEvents events) {
		this.events = events;
	}

	@Override
	public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
		return this.events.after(jobId, afterSeq, limit);
	}

	@Override
	public List<SequenceFloor> sequenceFloors(Instant finishedSince) {
		return this.events.floors(finishedSince);
	}

}
