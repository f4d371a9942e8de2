package io.pneumatic.api.jobs;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import io.pneumatic.realtime.ClientIdentity;
import org.jspecify.annotations.Nullable;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;

/**
 * The snapshot of one job, kept from its events: status, type, lane, owner, timestamps and phases.
 *
 * <p>Applying an event is idempotent and order-tolerant: status and phases remember the seq that
 * last changed them and ignore older events, so a snapshot never moves backwards.
 */
@Entity
@Table(name = "jobs")
class Job {

	static final String RUNNING = "running";

	static final String QUEUED = "queued";

	@Id
	private String id;

	private @Nullable String type;

	private @Nullable String status;

	private @Nullable String lane;

	private @Nullable String owner;

	private Instant createdAt;

	private Instant updatedAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	private long lastSeq;

	private long statusSeq;

	@ElementCollection
	@CollectionTable(name = "job_phases", joinColumns = @JoinColumn(name = "job_id"))
	@MapKeyColumn(name = "phase_id")
	private Map<String, JobPhase> phases = new HashMap<>();

	/** A job known from an event with the given ts and no other fact yet. */
	Job(String id, Instant firstSeen) {
		this.id = id;
		this.createdAt = firstSeen;
		this.updatedAt = firstSeen;
	}

	/** A job submitted by {@code owner} and waiting in its queue lane; its worker's events follow. */
	static Job queued(String id, String type, @Nullable String lane, String owner, Instant submittedAt) {
		Job job = new Job(id, submittedAt);
		job.type = type;
		job.lane = lane;
		job.owner = owner;
		job.status = QUEUED;
		return job;
	}

	protected Job() {
		// for JPA
	}

	/** Applies one event of this job. */
	void apply(JobEvent jobEvent) {
		EventEnvelope event = jobEvent.envelope();
		long seq = jobEvent.seq();
		Instant ts = event.ts();
		this.lastSeq = Math.max(this.lastSeq, seq);
		this.createdAt = min(this.createdAt, ts);
		this.updatedAt = max(this.updatedAt, ts);
		switch (event.type()) {
			case "status" -> applyStatus(seq, ts, event);
			case "phase_update" -> applyPhase(seq, ts, event, false);
			case "phase_complete" -> applyPhase(seq, ts, event, true);
			case EventTypes.DONE -> applyDone(seq, ts, event);
			default -> {
				// other types (log, token…) only move last_seq and updated_at
			}
		}
	}

	private void applyStatus(long seq, Instant ts, EventEnvelope event) {
		String newStatus = Payloads.text(event.payload(), "status");
		if (this.type == null) {
			this.type = Payloads.text(event.payload(), "job_type");
		}
		if (this.lane == null) {
			this.lane = Payloads.text(event.payload(), "lane");
		}
		if (this.owner == null) {
			this.owner = Payloads.text(event.payload(), "owner");
		}
		if (RUNNING.equals(newStatus) && (this.startedAt == null || ts.isBefore(this.startedAt))) {
			this.startedAt = ts;
		}
		if (seq > this.statusSeq && newStatus != null) {
			this.status = newStatus;
			this.statusSeq = seq;
		}
	}

	private void applyPhase(long seq, Instant ts, EventEnvelope event, boolean complete) {
		String phaseId = Payloads.text(event.payload(), "phase_id");
		if (phaseId == null) {
			return;
		}
		JobPhase current = this.phases.get(phaseId);
		this.phases.put(phaseId, (current != null) ? current.updatedBy(seq, ts, event.payload(), complete)
				: JobPhase.from(seq, ts, event.payload(), complete));
	}

	private void applyDone(long seq, Instant ts, EventEnvelope event) {
		this.finishedAt = ts;
		String finalStatus = Payloads.text(event.payload(), "status");
		if (seq > this.statusSeq && finalStatus != null) {
			this.status = finalStatus;
			this.statusSeq = seq;
		}
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	String id() {
		return this.id;
	}

	@Nullable String type() {
		return this.type;
	}

	@Nullable String status() {
		return this.status;
	}

	@Nullable String lane() {
		return this.lane;
	}

	@Nullable String owner() {
		return this.owner;
	}

	/** Whether {@code viewer} may see this job: its owner, moderators and admins. */
	boolean isVisibleTo(ClientIdentity viewer) {
		return viewer.seesAllJobs() || (this.owner != null && !viewer.isAnonymous() && this.owner.equals(viewer.userId()));
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	@Nullable Instant startedAt() {
		return this.startedAt;
	}

	@Nullable Instant finishedAt() {
		return this.finishedAt;
	}

	long lastSeq() {
		return this.lastSeq;
	}

	/** The phases by phase id, read-only. */
	Map<String, JobPhase> phases() {
		return Collections.unmodifiableMap(this.phases);
	}

}
