package io.pneumatic.sim;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SimSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(SettingsConfiguration.class);

	@Test
	void defaultsToDemoWithAJobEveryThreeSecondsAndFiveAtOnce() {
		this.contextRunner.run(context -> {
			SimSettings settings = context.getBean(SimSettings.class);
			assertThat(settings.mode()).isEqualTo(SimMode.DEMO);
			assertThat(settings.demo().jobInterval()).isEqualTo(Duration.ofSeconds(3));
			assertThat(settings.demo().maxConcurrentJobs()).isEqualTo(5);
			assertThat(settings.load().hubUrl()).isEqualTo(URI.create("ws://127.0.0.1:8080/ws/websocket"));
		});
	}

	@Test
	void bindsLoadSettings() {
		this.contextRunner
			.withPropertyValues("pneumatic.sim.mode=load", "pneumatic.sim.load.jobs=200",
					"pneumatic.sim.load.rates=100,200,500", "pneumatic.sim.load.subscribers-per-job=1000")
			.run(context -> {
				SimSettings.Load load = context.getBean(SimSettings.class).load();
				assertThat(load.jobs()).isEqualTo(200);
				assertThat(load.rates()).containsExactly(100, 200, 500);
				assertThat(load.totalSubscribers()).isEqualTo(200_000);
			});
	}

	@Test
	void padsLoadEventsOnRequestUpToSixtyThousandCharacters() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=load")
			.run(context -> assertThat(context.getBean(SimSettings.class).load().payloadBytes()).isZero());
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=load", "pneumatic.sim.load.payload-bytes=30000")
			.run(context -> assertThat(context.getBean(SimSettings.class).load().payloadBytes()).isEqualTo(30_000));
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=load", "pneumatic.sim.load.payload-bytes=70000")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("must be at most 60000"));
	}

	@Test
	void loadsOverStompByDefaultAndOverSseOnRequestAtTheHubsHttpAddress() {
		this.contextRunner.run(context -> assertThat(context.getBean(SimSettings.class).load().transport())
			.isEqualTo(SimSettings.Load.Transport.STOMP));
		this.contextRunner
			.withPropertyValues("pneumatic.sim.load.transport=sse", "pneumatic.sim.load.hub-url=ws://hub.example:8081/ws/websocket")
			.run(context -> {
				SimSettings.Load load = context.getBean(SimSettings.class).load();
				assertThat(load.transport()).isEqualTo(SimSettings.Load.Transport.SSE);
				assertThat(load.httpUrl()).isEqualTo(URI.create("http://hub.example:8081"));
			});
	}

	@Test
	void probesNewJobsEveryTwoHundredMillisecondsOverStompUnlessTurnedOff() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=load").run(context -> {
			SimSettings.Load load = context.getBean(SimSettings.class).load();
			assertThat(load.probeInterval()).isEqualTo(Duration.ofMillis(200));
			assertThat(load.probesNewJobs()).isTrue();
		});
		this.contextRunner.withPropertyValues("pneumatic.sim.load.probe-interval=0s")
			.run(context -> assertThat(context.getBean(SimSettings.class).load().probesNewJobs()).isFalse());
		this.contextRunner.withPropertyValues("pneumatic.sim.load.transport=sse")
			.run(context -> assertThat(context.getBean(SimSettings.class).load().probesNewJobs()).isFalse());
		this.contextRunner.withPropertyValues("pneumatic.sim.load.probe-interval=-1s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("probe-interval must not be negative"));
	}

	@Test
	void bindsQueueLoadSettings() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=queue-load", "pneumatic.sim.queue-load.lanes=1,100",
					"pneumatic.sim.queue-load.items=5000", "pneumatic.sim.queue-load.workers=4",
					"pneumatic.sim.queue-load.claim-batch=32")
			.run(context -> {
				SimSettings settings = context.getBean(SimSettings.class);
				assertThat(settings.mode()).isEqualTo(SimMode.QUEUE_LOAD);
				assertThat(settings.queueLoad().lanes()).containsExactly(1, 100);
				assertThat(settings.queueLoad().items()).isEqualTo(5000);
				assertThat(settings.queueLoad().workers()).isEqualTo(4);
				assertThat(settings.queueLoad().claimBatch()).isEqualTo(32);
				assertThat(settings.queueLoad().redeliveryLease()).isEqualTo(Duration.ofSeconds(1));
			});
	}

	@Test
	void refusesAClaimBatchOverOneHundred() {
		this.contextRunner.withPropertyValues("pneumatic.sim.queue-load.claim-batch=101")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("must be from 1 to 100"));
	}

	@Test
	void refusesAFailureProbabilityAboveOneWithAHint() {
		this.contextRunner.withPropertyValues("pneumatic.sim.demo.failure-probability=1.5")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("failure-probability")
				.hasMessageContaining("must be between 0 and 1"));
	}

	@Test
	void defaultsToFourQueueWorkersPollingEveryTwoHundredMillisecondsAndAFeedEveryTwoSeconds() {
		this.contextRunner.run(context -> {
			SimSettings.Queue queue = context.getBean(SimSettings.class).queue();
			assertThat(queue.enabled()).isTrue();
			assertThat(queue.workers()).isEqualTo(4);
			assertThat(queue.pollInterval()).isEqualTo(Duration.ofMillis(200));
			assertThat(queue.failureProbability()).isEqualTo(0.1);
			assertThat(queue.timeScale()).isEqualTo(1.0);
			assertThat(queue.feedEnabled()).isTrue();
			assertThat(queue.feedInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(queue.topics()).isEqualTo(3);
			assertThat(queue.conversations()).isEqualTo(3);
		});
	}

	@Test
	void bindsWorkerModeAndQueueSettings() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=worker", "pneumatic.sim.queue.workers=8",
					"pneumatic.sim.queue.poll-interval=50ms", "pneumatic.sim.queue.feed-enabled=false")
			.run(context -> {
				SimSettings settings = context.getBean(SimSettings.class);
				assertThat(settings.mode()).isEqualTo(SimMode.WORKER);
				assertThat(settings.queue().workers()).isEqualTo(8);
				assertThat(settings.queue().pollInterval()).isEqualTo(Duration.ofMillis(50));
				assertThat(settings.queue().feedEnabled()).isFalse();
			});
	}

	@Test
	void refusesZeroQueueWorkersWithAHint() {
		this.contextRunner.withPropertyValues("pneumatic.sim.queue.workers=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("pneumatic.sim.queue.workers"));
	}

	@Test
	void refusesAQueueFailureProbabilityAboveOne() {
		this.contextRunner.withPropertyValues("pneumatic.sim.queue.failure-probability=2")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("pneumatic.sim.queue.failure-probability"));
	}

	@Test
	void refusesAnHttpHubUrl() {
		this.contextRunner.withPropertyValues("pneumatic.sim.load.hub-url=http://localhost:8080/ws")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("must be a ws:// or wss:// URL"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SimSettings.class)
	static class SettingsConfiguration {

	}

}
