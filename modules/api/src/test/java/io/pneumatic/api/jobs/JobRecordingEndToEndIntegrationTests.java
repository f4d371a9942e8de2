package io.pneumatic.api.jobs;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventPublisher;

import static io.pneumatic.api.jobs.TestEvents.newJobId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From a worker's publish through Redis and the {@code persist} consumer group to PostgreSQL.
 */
@HubIntegrationTest
class JobRecordingEndToEndIntegrationTests {

	@Autowired
	EventPublisher publisher;

	@Autowired
	EventLog eventLog;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recordsPublishedEventsAndTheJobSnapshotInPostgres() {
		String jobId = newJobId();
		this.publisher.publish(jobId, "status", Map.of("status", "running", "job_type", "demo", "lane", "global_topics"));
		this.publisher.publish(jobId, "phase_update", Map.of("phase_id", "crawl", "status", "running",
				"processed_count", 3, "total_count", 10, "error_count", 0, "eta_seconds", 12, "message", "crawling"));
		this.publisher.publish(jobId, "log", Map.of("level", "info", "message", "hello", "component", "crawler"));
		EventEnvelope done = this.publisher.publish(jobId, "done", Map.of("status", "succeeded"));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jobs.findById(jobId)).hasValueSatisfying(recorded -> {
				assertThat(recorded.status()).isEqualTo("succeeded");
				assertThat(recorded.lastSeq()).isEqualTo(done.seq());
			}));
		Job job = this.jobs.findWithPhasesById(jobId).orElseThrow();
		assertThat(job.type()).isEqualTo("demo");
		assertThat(job.lane()).isEqualTo("global_topics");
		assertThat(job.finishedAt()).isEqualTo(done.ts());
		assertThat(job.phases().get("crawl").processedCount()).isEqualTo(3);
		assertThat(this.jdbc.sql("select type from job_events where job_id = ? order by seq")
			.param(jobId)
			.query(String.class)
			.list()).containsExactly("status", "phase_update", "log", "done");
		assertThat(this.eventLog.eventsAfter(jobId, 0, 100)).extracting(EventEnvelope::seq)
			.containsExactly(1L, 2L, 3L, 4L);
	}

}
