package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.StompTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay beyond Redis retention: Redis keeps only the last events of a job, PostgreSQL the rest,
 * and a range gone from both is reported as {@code replay_truncated}.
 */
@HubIntegrationTest(properties = "pneumatic.retention.max-entries=100")
class ReplayAcrossRetentionIntegrationTests {

	private static final int EVENTS = 600;

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Test
	void replaysFromPostgresqlWhatRedisNoLongerHolds() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		long head = publishBeyondRetention(jobId);

		try (StompTestClient client = StompTestClient.sockJs(this.port).subscribeToJob(jobId, 0L)) {
			client.assertExactly(1, head);
		}
	}

	@Test
	void reportsEventsGoneEverywhereAsTruncated() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		long head = publishBeyondRetention(jobId);
		this.jdbc.sql("DELETE FROM job_events WHERE job_id = ? AND seq <= 50").param(jobId).update();

		try (StompTestClient client = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 0L)) {
			client.assertExactly(51, head);
			JsonNode first = client.received().getFirst();
			assertThat(first.get("type").asString()).isEqualTo("replay_truncated");
			assertThat(first.at("/payload/from_seq").asLong()).isEqualTo(1);
			assertThat(first.at("/payload/to_seq").asLong()).isEqualTo(50);
		}
	}

	/**
	 * Publishes until Redis has trimmed the job's first 100 events (trimming waits for the consumer
	 * groups, and happens on publish) and PostgreSQL holds them all; returns the last seq.
	 */
	private long publishBeyondRetention(String jobId) {
		AtomicLong head = new AtomicLong();
		for (int i = 1; i <= EVENTS; i++) {
			head.set(this.publisher.publish(jobId, "token", Map.of("text", "w" + i)).seq());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			head.set(this.publisher.publish(jobId, "token", Map.of("text", "more")).seq());
			return oldestSeqInRedis(jobId) > 100;
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM job_events WHERE job_id = ?")
				.param(jobId)
				.query(Long.class)
				.single() == head.get());
		return head.get();
	}

	private long oldestSeqInRedis(String jobId) {
		try (PlainRedisWorker redis = new PlainRedisWorker(this.environment)) {
			List<StreamMessage<String, String>> oldest = redis.redis()
				.xrange(PlainRedisWorker.keys(jobId)[0], Range.create("-", "+"), io.lettuce.core.Limit.from(1));
			return Long.parseLong(oldest.getFirst().getId().split("-")[0]);
		}
	}

}
