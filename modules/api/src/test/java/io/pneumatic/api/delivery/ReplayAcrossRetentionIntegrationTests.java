package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay beyond Redis retention: Redis keeps only the last events of a job, PostgreSQL the rest,
 * and a range gone from both is reported as {@code replay_truncated}.
 */
@HubIntegrationTest(properties = "pneumatic.retention.max-entries=100")
class ReplayAcrossRetentionIntegrationTests {

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
		long head = retention().publishBeyondRetention(jobId);

		try (StompTestClient client = StompTestClient.sockJs(this.port).subscribeToJob(jobId, 0L)) {
			client.assertExactly(1, head);
		}
	}

	@Test
	void reportsEventsGoneEverywhereAsTruncated() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		long head = retention().publishBeyondRetention(jobId);
		retention().forgetArchivedUpTo(jobId, 50);

		try (StompTestClient client = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 0L)) {
			client.assertExactly(51, head);
			JsonNode first = client.received().getFirst();
			assertThat(first.get("type").asString()).isEqualTo("replay_truncated");
			assertThat(first.at("/payload/from_seq").asLong()).isEqualTo(1);
			assertThat(first.at("/payload/to_seq").asLong()).isEqualTo(50);
		}
	}

	private RetentionBoundary retention() {
		return new RetentionBoundary(this.publisher, this.jdbc, this.environment);
	}

}
