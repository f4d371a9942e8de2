package io.pneumatic.api.delivery;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import io.pneumatic.api.testing.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery contract with an external broker: RabbitMQ with its STOMP plugin.
 */
@HubIntegrationTest(properties = "pneumatic.broker.mode=external")
class RabbitMqDeliveryIntegrationTests extends JobStreamDeliveryContract {

	@Test
	void eventsTravelThroughRabbitMq() throws Exception {
		String jobId = newJobId();
		try (BrokerTap tap = new BrokerTap(this.environment.getRequiredProperty("pneumatic.broker.host"),
				this.environment.getRequiredProperty("pneumatic.broker.port", Integer.class), "/topic/jobs." + jobId)) {
			publishTokens(jobId, 1, 20);
			List<Long> expected = LongStream.rangeClosed(1, 20).boxed().toList();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tap.seqs()).containsAll(expected));
		}
	}

}
