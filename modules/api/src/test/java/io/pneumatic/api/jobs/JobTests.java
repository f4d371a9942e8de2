package io.pneumatic.api.jobs;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.pneumatic.api.jobs.TestEvents.T0;
import static io.pneumatic.api.jobs.TestEvents.jobEvent;
import static org.assertj.core.api.Assertions.assertThat;

class JobTests {

	private static final String JOB = "job-1";

	@Test
	void takesStatusTypeLaneAndStartFromStatusEvents() {
		Job job = new Job(JOB, T0.plusSeconds(1));
		job.apply(jobEvent(JOB, 1, "status", Map.of("status", "queued", "job_type", "batch", "lane", "global_topics")));
		job.apply(jobEvent(JOB, 2, "status", Map.of("status", "running", "job_type", "other")));

		assertThat(job.status()).isEqualTo("running");
		assertThat(job.type()).isEqualTo("batch");
		assertThat(job.lane()).isEqualTo("global_topics");
		assertThat(job.startedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(job.lastSeq()).isEqualTo(2);
		assertThat(job.createdAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(job.updatedAt()).isEqualTo(T0.plusSeconds(2));
	}

	@Test
	void neverMovesBackwardsWhenAnOlderEventComesAfterANewerOne() {
		Job job = new Job(JOB, T0.plusSeconds(5));
		job.apply(jobEvent(JOB, 5, "phase_update", Map.of("phase_id", "extract", "status", "running",
				"processed_count", 50, "total_count", 100, "eta_seconds", 10)));
		job.apply(jobEvent(JOB, 6, "status", Map.of("status", "running")));
		job.apply(jobEvent(JOB, 7, "done", Map.of("status", "succeeded")));

		job.apply(jobEvent(JOB, 3, "phase_update", Map.of("phase_id", "extract", "status", "running",
				"processed_count", 10, "total_count", 100, "eta_seconds", 90)));
		job.apply(jobEvent(JOB, 2, "status", Map.of("status", "queued")));

		assertThat(job.status()).isEqualTo("succeeded");
		assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(7));
		assertThat(job.lastSeq()).isEqualTo(7);
		assertThat(job.createdAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(job.updatedAt()).isEqualTo(T0.plusSeconds(7));
		JobPhase extract = job.phases().get("extract");
		assertThat(extract.processedCount()).isEqualTo(50);
		assertThat(extract.etaSeconds()).isEqualTo(10);
		assertThat(extract.lastSeq()).isEqualTo(5);
		assertThat(extract.firstSeq()).isEqualTo(3);
	}

	@Test
	void appliesTheSameEventTwiceAsOnce() {
		Job once = new Job(JOB, T0);
		Job twice = new Job(JOB, T0);
		JobEvent update = jobEvent(JOB, 1, "phase_update",
				Map.of("phase_id", "p", "status", "running", "processed_count", 1, "total_count", 2));
		once.apply(update);
		twice.apply(update);
		twice.apply(update);

		assertThat(twice.phases()).isEqualTo(once.phases());
		assertThat(twice.lastSeq()).isEqualTo(once.lastSeq());
	}

	@Test
	void completesAPhaseKeepingItsCountsAndClearingItsEta() {
		Job job = new Job(JOB, T0);
		job.apply(jobEvent(JOB, 1, "phase_update", Map.of("phase_id", "load", "status", "running", "message",
				"loading", "processed_count", 99, "total_count", 100, "error_count", 1, "eta_seconds", 2.6)));
		assertThat(job.phases().get("load").etaSeconds()).isEqualTo(3);

		job.apply(jobEvent(JOB, 2, "phase_complete", Map.of("phase_id", "load", "processed_count", 100)));

		assertThat(job.phases().get("load")).isEqualTo(new JobPhase("completed", "loading", 100L, 100L, 1L, 0L, 1, 2,
				T0.plusSeconds(2)));
	}

	@Test
	void leavesTheSnapshotAloneForLogsAndTokensButCountsTheirSeq() {
		Job job = new Job(JOB, T0.plusSeconds(1));
		job.apply(jobEvent(JOB, 1, "status", Map.of("status", "running")));
		job.apply(jobEvent(JOB, 2, "log", Map.of("level", "info", "message", "hello")));
		job.apply(jobEvent(JOB, 3, "token", Map.of("text", "hi")));

		assertThat(job.status()).isEqualTo("running");
		assertThat(job.phases()).isEmpty();
		assertThat(job.lastSeq()).isEqualTo(3);
	}

}
