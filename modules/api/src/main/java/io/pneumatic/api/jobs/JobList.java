package io.pneumatic.api.jobs;

import java.util.List;

/**
 * A list of jobs, newest first, as {@code GET /api/v1/jobs} and {@code GET /api/v1/jobs/active} return it.
 *
 * @param jobs the jobs
 */
record JobList(List<JobSummary> jobs) {
}
