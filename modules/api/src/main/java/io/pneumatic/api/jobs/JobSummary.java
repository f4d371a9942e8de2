package io.pneumatic.api.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A job in a list: its snapshot without phases and logs.
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
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record JobSummary(String id, @Nullable String type, @Nullable String status, @Nullable String lane, @Nullable String owner,
		Instant createdAt,
		Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, long lastSeq) {

	static JobSummary of(Job job) {
		return new JobSummary(job.id(), job.type(), job.status(), job.lane(), job.owner(), job.createdAt(), job.updatedAt(),
				job.startedAt(), job.finishedAt(), job.lastSeq());
	}

}
