package io.pneumatic.api.jobs;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pneumatic.realtime.ClientIdentity;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventTypes;

/**
 * Jobs over REST: snapshots from PostgreSQL, histories from the {@link EventLog} (Redis and
 * PostgreSQL merged). A job is open to its owner, moderators and admins; to anyone else it does not exist.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private static final String JOB_ID = "[A-Za-z0-9_-]{1,64}";

	private static final String JOB_ID_MESSAGE = "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -";

	private final Jobs jobs;

	private final JobEvents events;

	private final EventLog eventLog;

	private final JobsSettings settings;

	JobController(Jobs jobs, JobEvents events, EventLog eventLog, JobsSettings settings) {
		this.jobs = jobs;
		this.events = events;
		this.eventLog = eventLog;
		this.settings = settings;
	}

	@GetMapping("/{id}")
	JobSnapshot job(@PathVariable @Pattern(regexp = JOB_ID, message = JOB_ID_MESSAGE) String id,
			@AuthenticationPrincipal ClientIdentity viewer) {
		Job job = this.jobs.findWithPhasesById(id)
			.filter(found -> found.isVisibleTo(viewer))
			.orElseThrow(() -> new JobNotFoundException(id));
		return JobSnapshot.of(job, this.events.latestLogs(id, this.settings.recentLogs()));
	}

	@GetMapping("/{id}/events")
	JobEventPage events(@PathVariable @Pattern(regexp = JOB_ID, message = JOB_ID_MESSAGE) String id,
			@RequestParam(name = "after_seq", defaultValue = "0") @Min(0) long afterSeq,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
			@AuthenticationPrincipal ClientIdentity viewer) {
		// A job seen by nobody but moderators and admins is reported as missing, as a job that does not exist.
		if (!viewer.seesAllJobs() && !this.jobs.existsByIdAndOwner(id, viewer.userId())) {
			throw new JobNotFoundException(id);
		}
		List<EventEnvelope> page = this.eventLog.eventsAfter(id, afterSeq, limit);
		if (page.isEmpty() && !this.jobs.existsById(id) && this.eventLog.headSeq(id) == 0) {
			throw new JobNotFoundException(id);
		}
		return new JobEventPage(id, page, nextAfterSeq(page, afterSeq));
	}

	@GetMapping
	JobList jobs(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String type,
			@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
			@AuthenticationPrincipal ClientIdentity viewer) {
		Specification<Job> filter = Specification.unrestricted();
		if (!viewer.seesAllJobs()) {
			filter = filter.and((job, query, where) -> where.equal(job.get("owner"), viewer.userId()));
		}
		if (status != null) {
			filter = filter.and((job, query, where) -> where.equal(job.get("status"), status));
		}
		if (type != null) {
			filter = filter.and((job, query, where) -> where.equal(job.get("type"), type));
		}
		List<Job> found = this.jobs.findBy(filter,
				query -> query.sortBy(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit).all());
		return new JobList(found.stream().map(JobSummary::of).toList());
	}

	@GetMapping("/active")
	JobList active(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
			@AuthenticationPrincipal ClientIdentity viewer) {
		List<Job> active = viewer.seesAllJobs() ? this.jobs.findByFinishedAtIsNullOrderByCreatedAtDesc(Limit.of(limit))
				: this.jobs.findByOwnerAndFinishedAtIsNullOrderByCreatedAtDesc(viewer.userId(), Limit.of(limit));
		return new JobList(active.stream().map(JobSummary::of).toList());
	}

	/** The seq after the last event of a page, or after the range a trailing truncation marker names. */
	private static long nextAfterSeq(List<EventEnvelope> page, long afterSeq) {
		long next = afterSeq;
		for (EventEnvelope event : page) {
			Long seq = event.seq();
			if (seq != null) {
				next = Math.max(next, seq);
			}
			else if (EventTypes.REPLAY_TRUNCATED.equals(event.type()) && event.payload().has("to_seq")) {
				next = Math.max(next, event.payload().get("to_seq").asLong());
			}
		}
		return next;
	}

}
