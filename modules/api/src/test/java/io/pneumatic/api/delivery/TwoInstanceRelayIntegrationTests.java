package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.StompTestClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.LongStream;

import io.lettuce.core.Consumer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hub instances on one Redis and one external broker (RabbitMQ): each event reaches the broker
 * once, and what a dead instance left pending is reclaimed and delivered.
 */
@HubIntegrationTest(properties = { "pneumatic.broker.mode=external", "pneumatic.consumers.claim-idle=2s",
		"pneumatic.consumers.claim-interval=1s" })
class TwoInstanceRelayIntegrationTests {

	private static ConfigurableApplicationContext secondInstance;

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	EventPublisher publisher;

	@BeforeEach
	void startSecondInstance() {
		if (secondInstance == null) {
			secondInstance = SecondInstance.start(this.environment, "--pneumatic.broker.mode=external",
					"--pneumatic.consumers.claim-idle=2s", "--pneumatic.consumers.claim-interval=1s",
					"--pneumatic.instance-id=second-instance");
		}
	}

	@AfterAll
	static void stopSecondInstance() {
		if (secondInstance != null) {
			secondInstance.close();
			secondInstance = null;
		}
	}

	@Test
	void eachEventReachesTheBrokerOnceAndEveryClientInOrder() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		int secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
		try (BrokerTap tap = new BrokerTap(brokerHost(), brokerPort(), "/topic/jobs." + jobId);
				StompTestClient onFirst = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 0L);
				StompTestClient onSecond = StompTestClient.sockJs(secondPort).subscribeToJob(jobId, 0L)) {
			for (int i = 1; i <= 1000; i++) {
				this.publisher.publish(jobId, "token", Map.of("text", "w" + i));
			}
			onFirst.assertExactly(1, 1000);
			onSecond.assertExactly(1, 1000);
			await().atMost(Duration.ofSeconds(30)).until(() -> new HashSet<>(tap.seqs()).size() == 1000);
			assertThat(tap.seqs()).hasSize(1000).doesNotHaveDuplicates();
		}
	}

	@Test
	void aDeadInstancesPendingEventsAreReclaimedAndDelivered() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		try (BrokerTap tap = new BrokerTap(brokerHost(), brokerPort(), "/topic/jobs." + jobId);
				PlainRedisWorker worker = new PlainRedisWorker(this.environment)) {
			// Publish and take the events as a consumer that then dies, in one transaction, so that
			// no live instance sees them first.
			RedisCommands<String, String> redis = worker.redis();
			redis.multi();
			for (int i = 1; i <= 5; i++) {
				redis.fcall("pneumatic_publish", ScriptOutputType.MULTI, PlainRedisWorker.keys(jobId), "log",
						"{\"level\":\"info\",\"message\":\"m" + i + "\"}");
			}
			redis.xreadgroup(Consumer.from("relay", "dead-instance"), XReadArgs.Builder.count(100),
					XReadArgs.StreamOffset.lastConsumed(PlainRedisWorker.keys(jobId)[0]));
			TransactionResult results = redis.exec();
			assertThat(results.wasDiscarded()).isFalse();
			assertThat(results).hasSize(6);

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(tap.seqs()).containsAll(LongStream.rangeClosed(1, 5).boxed().toList()));
			assertThat(tap.seqs()).doesNotHaveDuplicates();
		}
	}

	private String brokerHost() {
		return this.environment.getProperty("pneumatic.broker.host", "127.0.0.1");
	}

	private int brokerPort() {
		return this.environment.getProperty("pneumatic.broker.port", Integer.class, 61613);
	}

}
