package io.pneumatic.api.jobs;

import java.time.Instant;

import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The latest progress of one phase of a job, from its {@code phase_update} and {@code phase_complete} events.
 *
 * @param status the phase status ({@code completed} once a {@code phase_complete} event names none)
 * @param message the latest message
 * @param processedCount items processed so far
 * @param totalCount items in the phase
 * @param errorCount items that failed
 * @param etaSeconds estimated seconds left
 * @param firstSeq the seq of the earliest event of this phase, which orders a job's phases
 * @param lastSeq the seq of the event that last changed this phase
 * @param updatedAt the ts of that event
 */
@Embeddable
record JobPhase(String status, @Nullable String message, @Nullable Long processedCount, @Nullable Long totalCount,
		@Nullable Long errorCount, @Nullable Long etaSeconds, long firstSeq, long lastSeq, Instant updatedAt) {

	static final String COMPLETED = "completed";

	private static final String PENDING = "pending";

	/** A phase as its first event describes it. */
	static JobPhase from(long seq, Instant ts, JsonNode payload, boolean complete) {
		return new JobPhase(PENDING, null, null, null, null, null, seq, 0, ts).updatedBy(seq, ts, payload, complete);
	}

	/**
	 * This phase after an event with the given seq: fields the payload carries replace ours, the
	 * others stay; an event not newer than {@link #lastSeq} changes only {@link #firstSeq}.
	 */
	JobPhase updatedBy(long seq, Instant ts, JsonNode payload, boolean complete) {
		long first = Math.min(this.firstSeq, seq);
		if (seq <= this.lastSeq) {
			return (first == this.firstSeq) ? this : new JobPhase(this.status, this.message, this.processedCount,
					this.totalCount, this.errorCount, this.etaSeconds, first, this.lastSeq, this.updatedAt);
		}
		String newStatus = Payloads.text(payload, "status");
		return new JobPhase((newStatus != null) ? newStatus : complete ? COMPLETED : this.status,
				orElse(Payloads.text(payload, "message"), this.message),
				orElse(Payloads.number(payload, "processed_count"), this.processedCount),
				orElse(Payloads.number(payload, "total_count"), this.totalCount),
				orElse(Payloads.number(payload, "error_count"), this.errorCount),
				orElse(Payloads.number(payload, "eta_seconds"), complete ? Long.valueOf(0) : this.etaSeconds),
				first, seq, ts);
	}

	private static <T> @Nullable T orElse(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

}
