package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.SecondInstance;
import io.pneumatic.api.testing.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A hub with an embedded broker is a single node: a second one on the same Redis database would
 * take part of the relay group's events to a broker its clients never see, so it refuses to start.
 */
@HubIntegrationTest
class SingleEmbeddedHubIntegrationTests {

	@Autowired
	Environment environment;

	@Test
	void aSecondEmbeddedBrokerHubOnTheSameRedisDatabaseRefusesToStart() {
		assertThatException()
			.isThrownBy(() -> SecondInstance.start(this.environment, "--pneumatic.instance-id=intruder").close())
			.withStackTraceContaining("Another Pneumatic hub with an embedded broker (instance ")
			.withStackTraceContaining("pneumatic.broker.mode=external");
	}

}
