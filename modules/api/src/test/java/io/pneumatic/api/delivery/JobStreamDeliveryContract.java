package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.StompTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every broker must deliver: a job's events to real STOMP clients, in order, each once,
 * with replay after {@code last-seq}. Run against embedded Artemis and against RabbitMQ.
 */
abstract class JobStreamDeliveryContract {

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	Environment environment;

	@Test
	void sockJsClientReceivesAJobsEventsInOrder() throws Exception {
		String jobId = newJobId();
		try (StompTestClient client = StompTestClient.sockJs(this.port).subscribeToJob(jobId, 0L)) {
			publishTokens(jobId, 1, 50);
			client.assertExactly(1, 50);
			assertThat(client.received().getFirst().get("stream").asString()).isEqualTo("jobs." + jobId);
		}
	}

	@Test
	void plainWebSocketClientReceivesAJobsEventsInOrder() throws Exception {
		String jobId = newJobId();
		try (StompTestClient client = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 0L)) {
			publishTokens(jobId, 1, 50);
			client.assertExactly(1, 50);
		}
	}

	@Test
	void resumesAfterADisconnectWithLastSeq() throws Exception {
		String jobId = newJobId();
		try (StompTestClient first = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 0L)) {
			publishTokens(jobId, 1, 10);
			first.assertExactly(1, 10);
		}
		publishTokens(jobId, 11, 25);
		try (StompTestClient resumed = StompTestClient.sockJs(this.port).subscribeToJob(jobId, 10L)) {
			publishTokens(jobId, 26, 30);
			resumed.assertExactly(11, 30);
			assertThat(resumed.received()).anySatisfy(
					envelope -> assertThat(envelope.get("type").asString()).isEqualTo("replay_complete"));
		}
	}

	@Test
	void replayHoldsWhileEventsArePublishedConcurrently() throws Exception {
		String jobId = newJobId();
		publishTokens(jobId, 1, 200);
		AtomicBoolean publishing = new AtomicBoolean(true);
		Thread publisherThread = Thread.ofVirtual().start(() -> {
			publishTokens(jobId, 201, 1500);
			publishing.set(false);
		});
		try (StompTestClient late = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 50L)) {
			publisherThread.join();
			assertThat(publishing).isFalse();
			late.assertExactly(51, 1500);
		}
	}

	@Test
	void eventsPublishedWithPlainRedisCommandsReachSubscribers() throws Exception {
		String jobId = newJobId();
		try (StompTestClient client = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 0L);
				PlainRedisWorker worker = new PlainRedisWorker(this.environment)) {
			for (int i = 1; i <= 3; i++) {
				List<Object> reply = worker.publish(jobId, "log", "{\"level\":\"info\",\"message\":\"line " + i + "\"}");
				assertThat(reply.getFirst()).isEqualTo((long) i);
			}
			client.assertExactly(1, 3);
			assertThat(client.received()).filteredOn((envelope) -> envelope.get("seq").asLong() == 3)
				.singleElement()
				.satisfies((envelope) -> assertThat(envelope.at("/payload/message").asString()).isEqualTo("line 3"));
		}
	}

	@Test
	void refusesAnInvalidLastSeqWithACode() throws Exception {
		try (StompTestClient client = StompTestClient.webSocket(this.port).subscribeToJob(newJobId(), "yesterday")) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(client.errors()).anySatisfy(
						(message) -> assertThat(message).startsWith("INVALID_SUBSCRIPTION")));
			assertThat(client.received()).isEmpty();
		}
	}

	static String newJobId() {
		return "t-" + UUID.randomUUID().toString().substring(0, 12);
	}

	void publishTokens(String jobId, int fromIndex, int toIndex) {
		for (int i = fromIndex; i <= toIndex; i++) {
			this.publisher.publish(jobId, "token", Map.of("text", "w" + i, "index", i));
		}
	}

}
