package io.pneumatic.api.jobs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventEnvelope;

import static io.pneumatic.api.jobs.TestEvents.T0;
import static io.pneumatic.api.jobs.TestEvents.event;
import static io.pneumatic.api.jobs.TestEvents.newJobId;
import static org.assertj.core.api.Assertions.assertThat;

@HubIntegrationTest
class JobEventRecorderIntegrationTests {

	@Autowired
	JobEventRecorder recorder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jobs jobs;

	@Test
	void storesEachEventOnceWhenABatchComesTwice() throws Exception {
		String jobId = newJobId();
		List<EventEnvelope> batch = List.of(event(jobId, 1, "status", Map.of("status", "queued")),
				event(jobId, 2, "log", Map.of("level", "info", "message", "started")),
				event(jobId, 3, "token", Map.of("text", "hello")));

		this.recorder.consume(batch);
		this.recorder.consume(batch);

		assertThat(this.jdbc.sql("select seq from job_events where job_id = ? order by seq")
			.param(jobId)
			.query(Long.class)
			.list()).containsExactly(1L, 2L, 3L);
		assertThat(this.jdbc.sql("select count(*) from jobs where id = ?").param(jobId).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void keepsTheSnapshotOfTheNewestEventsWhenOlderOnesAreRedelivered() throws Exception {
		String jobId = newJobId();
		EventEnvelope queued = event(jobId, 1, "status",
				Map.of("status", "queued", "job_type", "batch", "lane", "posts_topic_7"));
		EventEnvelope early = event(jobId, 2, "phase_update", Map.of("phase_id", "extract", "status", "running",
				"processed_count", 10, "total_count", 100, "eta_seconds", 90));
		EventEnvelope late = event(jobId, 3, "phase_update", Map.of("phase_id", "extract", "status", "running",
				"processed_count", 60, "total_count", 100, "error_count", 2, "eta_seconds", 20, "message", "halfway"));
		EventEnvelope done = event(jobId, 4, "done", Map.of("status", "failed"));

		this.recorder.consume(List.of(queued, late, done));
		this.recorder.consume(List.of(early, queued));

		Job job = this.jobs.findWithPhasesById(jobId).orElseThrow();
		assertThat(job.status()).isEqualTo("failed");
		assertThat(job.type()).isEqualTo("batch");
		assertThat(job.lane()).isEqualTo("posts_topic_7");
		assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(4));
		assertThat(job.createdAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(job.lastSeq()).isEqualTo(4);
		assertThat(job.phases().get("extract")).isEqualTo(
				new JobPhase("running", "halfway", 60L, 100L, 2L, 20L, 2, 3, T0.plusSeconds(3)));
	}

	@Test
	void recordsBatchesThatMixSeveralJobs() throws Exception {
		String first = newJobId();
		String second = newJobId();

		this.recorder.consume(List.of(event(first, 1, "status", Map.of("status", "running")),
				event(second, 1, "status", Map.of("status", "queued")),
				event(first, 2, "done", Map.of("status", "succeeded"))));

		assertThat(this.jobs.findById(first).orElseThrow().status()).isEqualTo("succeeded");
		assertThat(this.jobs.findById(second).orElseThrow().status()).isEqualTo("queued");
	}

}
