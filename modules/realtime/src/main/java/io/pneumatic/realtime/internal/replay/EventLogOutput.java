package io.pneumatic.realtime.internal.replay;

import java.util.List;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;

/**
 * A {@link CursorOutput} that reads from the event log and counts replays by outcome, the same for
 * every transport; subclasses write to their client.
 *
 * @param <M> the type of the live messages the cursor passes on
 */
public abstract class EventLogOutput<M> implements CursorOutput<M> {

	private final EventLog eventLog;

	private final ReplayOutcomes outcomes;

	protected EventLogOutput(EventLog eventLog, ReplayOutcomes outcomes) {
		this.eventLog = eventLog;
		this.outcomes = outcomes;
	}

	@Override
	public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
		return this.eventLog.eventsAfter(jobId, afterSeq, limit);
	}

	@Override
	public long headSeq(String jobId) {
		return this.eventLog.headSeq(jobId);
	}

	@Override
	public long oldestRetainedSeq(String jobId) {
		return this.eventLog.oldestRetainedSeq(jobId);
	}

	@Override
	public void replayed(ReplayOutcome outcome) {
		this.outcomes.record(outcome);
	}

}
