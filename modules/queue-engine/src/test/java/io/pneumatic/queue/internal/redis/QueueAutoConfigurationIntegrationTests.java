package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.queue.testing.TestQueue;
import io.pneumatic.queue.testing.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

class QueueAutoConfigurationIntegrationTests {

	private final TestQueue queue = new TestQueue(QueueSettings.defaults());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, QueueAutoConfiguration.class))
		.withPropertyValues(TestRedis.springPropertyPairs())
		.withBean(QueueFunctionLibrary.class, this.queue::library);

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void providesAQueueEngineBoundToTheSettings() {
		this.contextRunner.withPropertyValues("pneumatic.queue.lease=2s", "pneumatic.queue.max-attempts=3",
				"pneumatic.queue.idle-lane-ttl=0s").run((context) -> {
			assertThat(context).hasSingleBean(QueueEngine.class).hasSingleBean(QueueMetrics.class);
			assertThat(context.getBean(QueueSweeper.class).isRunning()).isTrue();
			QueueSettings settings = context.getBean(QueueSettings.class);
			assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(2));
			assertThat(settings.maxAttempts()).isEqualTo(3);
			assertThat(settings.backoffMax()).as("default").isEqualTo(Duration.ofSeconds(60));

			QueueEngine engine = context.getBean(QueueEngine.class);
			engine.enqueue(EnqueueRequest.of(Lane.globalTopics(), "{}"));
			Claim claim = engine.claim("w", 1).getFirst();
			assertThat(claim.leaseDeadline()).isBefore(claim.enqueuedAt().plusSeconds(5));
			assertThat(engine.complete(claim.lease())).isTrue();
		});
	}

	@Test
	void refusesToStartWithInvalidSettingsSayingWhichOne() {
		this.contextRunner.withPropertyValues("pneumatic.queue.max-attempts=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("pneumatic.queue.max-attempts must be from 1 to 1000, was 0");
		});
	}

	@Test
	void backsOffWithoutRedis() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QueueEngine.class));
	}

}
