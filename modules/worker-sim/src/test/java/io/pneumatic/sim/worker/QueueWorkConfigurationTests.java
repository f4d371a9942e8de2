package io.pneumatic.sim.worker;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.ItemState;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.Presence;
import io.pneumatic.sim.SimSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class QueueWorkConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(SettingsConfiguration.class, QueueWorkConfiguration.class)
		.withBean(QueueEngine.class, QueueWorkConfigurationTests::idleEngine)
		.withBean(EventPublisher.class, () -> mock(EventPublisher.class))
		.withBean(Presence.class, QueueWorkConfigurationTests::quietPresence)
		.withBean(JsonMapper.class, () -> JsonMapper.builder().build())
		.withPropertyValues("pneumatic.sim.queue.poll-interval=1s", "pneumatic.sim.queue.feed-interval=1m");

	@Test
	void demoModeWorksAndFeedsTheQueue() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(QueueWorkers.class).hasSingleBean(DemoQueueFeeder.class);
			assertThat(context.getBean(QueueWorkers.class).isRunning()).isTrue();
		});
	}

	@Test
	void workerModeOnlyWorksTheQueue() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=worker")
			.run((context) -> assertThat(context).hasSingleBean(QueueWorkers.class).doesNotHaveBean(DemoQueueFeeder.class));
	}

	@Test
	void workersAreOnlineAsAgentsUnlessThePresenceChannelIsEmpty() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AgentPresence.class));
		this.contextRunner.withPropertyValues("pneumatic.sim.queue.presence-channel=")
			.run((context) -> assertThat(context).hasSingleBean(QueueWorkers.class).doesNotHaveBean(AgentPresence.class));
	}

	@Test
	void benchmarkModesLeaveTheQueueAlone() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=queue-load")
			.run((context) -> assertThat(context).doesNotHaveBean(QueueWorkers.class).doesNotHaveBean(DemoQueueFeeder.class)
				.doesNotHaveBean(AgentPresence.class));
	}

	@Test
	void workersAndFeederCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("pneumatic.sim.queue.enabled=false", "pneumatic.sim.queue.feed-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(QueueWorkers.class).doesNotHaveBean(DemoQueueFeeder.class));
	}

	private static Presence quietPresence() {
		Presence presence = mock(Presence.class);
		given(presence.renewInterval()).willReturn(Duration.ofMinutes(1));
		return presence;
	}

	private static QueueEngine idleEngine() {
		QueueEngine engine = mock(QueueEngine.class);
		given(engine.enqueue(any())).willReturn(new Enqueued("1", Lane.globalTopics(), 0, ItemState.WAITING, Instant.now(), false));
		return engine;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SimSettings.class)
	static class SettingsConfiguration {

	}

}
