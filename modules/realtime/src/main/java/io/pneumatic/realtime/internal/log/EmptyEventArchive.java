package io.pneumatic.realtime.internal.log;

import java.time.Instant;
import java.util.List;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventEnvelope;

/**
 * The archive of an application without one: it holds nothing, so replay ends where Redis retention
 * ends, and after Redis lost its data there is no floor to restore (sequence numbers start over).
 */
final class EmptyEventArchive implements EventArchive {

	@Override
	public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
		return List.of();
	}

	@Override
	public List<SequenceFloor> sequenceFloors(Instant finishedSince) {
		return List.of();
	}

}
