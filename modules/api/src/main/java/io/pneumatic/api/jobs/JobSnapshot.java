package io.pneumatic.api.jobs;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.pneumatic.realtime.EventEnvelope;

/**
 * A job as {@code GET /api/v1/jobs/{id}} shows it: status, timestamps, phases and recent logs.
 *
 * @param id the job id
 * @param type the job type, once a status event named it
 * @param status the latest status
 * @param lane the queue lane, once a status event named it
 * @param owner the user the job belongs to, once a status event named one
 * @param createdAt the ts of the job's first event
 * @param updatedAt the ts of its latest event
 * @param startedAt the ts of its first {@code running} status
 * @param finishedAt the ts of its {@code done} event
 * @param lastSeq the highest seq recorded
 * @param phases the phases in the order they began
 * @param recentLogs the latest {@code log} events, oldest first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record JobSnapshot(String id, @Nullable String type, @Nullable String status, @Nullable String lane, @Nullable String owner,
		Instant createdAt,
		Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, long lastSeq,
		List<PhaseSnapshot> phases, List<EventEnvelope> recentLogs) {

	static JobSnapshot of(Job job, List<EventEnvelope> recentLogs) {
		List<PhaseSnapshot> phases = job.phases()
			.entrySet()
			.stream()
			.map(phase -> PhaseSnapshot.of(phase.getKey(), phase.getValue()))
			.sorted(Comparator.comparingLong(PhaseSnapshot::firstSeq))
			.toList();
		return new JobSnapshot(job.id(), job.type(), job.status(), job.lane(), job.owner(), job.createdAt(), job.updatedAt(),
				job.startedAt(), job.finishedAt(), job.lastSeq(), phases, recentLogs);
	}

	/**
	 * One phase of a job.
	 *
	 * @param phaseId the phase id
	 * @param status the phase status
	 * @param message the latest message
	 * @param processedCount items processed so far
	 * @param totalCount items in the phase
	 * @param errorCount items that failed
	 * @param etaSeconds estimated seconds left
	 * @param firstSeq the seq of the phase's first event
	 * @param lastSeq the seq of the event that last changed it
	 * @param updatedAt the ts of that event
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record PhaseSnapshot(String phaseId, String status, @Nullable String message, @Nullable Long processedCount,
			@Nullable Long totalCount, @Nullable Long errorCount, @Nullable Long etaSeconds, long firstSeq,
			long lastSeq, Instant updatedAt) {

		static PhaseSnapshot of(String phaseId, JobPhase phase) {
			return new PhaseSnapshot(phaseId, phase.status(), phase.message(), phase.processedCount(),
					phase.totalCount(), phase.errorCount(), phase.etaSeconds(), phase.firstSeq(), phase.lastSeq(),
					phase.updatedAt());
		}

	}

}
