package io.pneumatic.api.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.pneumatic.realtime.EventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Pushes a job across the Redis retention boundary, for tests run with
 * {@code pneumatic.retention.max-entries=100}: afterwards Redis holds only the job's last events and
 * PostgreSQL all of them.
 */
final class RetentionBoundary {

	private static final int EVENTS = 600;

	private final EventPublisher publisher;

	private final JdbcClient jdbc;

	private final Environment environment;

	RetentionBoundary(EventPublisher publisher, JdbcClient jdbc, Environment environment) {
		this.publisher = publisher;
		this.jdbc = jdbc;
		this.environment = environment;
	}

	/**
	 * Publishes until Redis has trimmed the job's first 100 events (trimming waits for the consumer
	 * groups, and happens on publish) and PostgreSQL holds them all; returns the last seq.
	 */
	long publishBeyondRetention(String jobId) {
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

	/** Deletes the job's events up to {@code seq} from PostgreSQL: gone everywhere once Redis trimmed them. */
	void forgetArchivedUpTo(String jobId, long seq) {
		this.jdbc.sql("DELETE FROM job_events WHERE job_id = ? AND seq <= ?").param(jobId).param(seq).update();
	}

	private long oldestSeqInRedis(String jobId) {
		try (PlainRedisWorker redis = new PlainRedisWorker(this.environment)) {
			List<StreamMessage<String, String>> oldest = redis.redis()
				.xrange(PlainRedisWorker.keys(jobId)[0], Range.create("-", "+"), Limit.from(1));
			return Long.parseLong(oldest.getFirst().getId().split("-")[0]);
		}
	}

}
