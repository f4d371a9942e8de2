package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.testing.TestEventLog;
import io.pneumatic.realtime.testing.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventLogAutoConfigurationIntegrationTests {

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(DataRedisAutoConfiguration.class,
			JacksonAutoConfiguration.class, EventLogAutoConfiguration.class);

	private final TestEventLog log = new TestEventLog();

	private final ApplicationContextRunner publisherApplication = new ApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS)
		.withPropertyValues(TestRedis.springPropertyPairs())
		.withBean(EventFunctionLibrary.class, this.log::library);

	private final WebApplicationContextRunner hub = new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
		.withPropertyValues(TestRedis.springPropertyPairs())
		.withBean(EventFunctionLibrary.class, this.log::library);

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void aPlainApplicationOnlyPublishes() {
		this.log.load(TestEventLog.eventSettings(), TestEventLog.retention(), List.of());

		this.publisherApplication.run((context) -> {
			assertThat(context).hasSingleBean(EventPublisher.class)
				.doesNotHaveBean(EventLog.class)
				.doesNotHaveBean(EventLogWatchdog.class)
				.doesNotHaveBean(SequenceRestorer.class);
			EventEnvelope event = context.getBean(EventPublisher.class).publish(this.log.newJobId(), "token", Map.of("text", "hi"));
			assertThat(event.seq()).isEqualTo(1);
		});
	}

	@Test
	void theHubLoadsTheLibraryThenPublishesAndReadsBack() {
		this.hub.run((context) -> {
			assertThat(context).hasSingleBean(EventLog.class).hasSingleBean(EventLogWatchdog.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.log.library().isLoadedIn(this.log.redis()));
			String jobId = this.log.newJobId();

			EventEnvelope published = context.getBean(EventPublisher.class).publish(jobId, "token", Map.of("text", "hi"));

			assertThat(context.getBean(EventLog.class).eventsAfter(jobId, 0, 10)).containsExactly(published);
			assertThat(context.getBean(EventLog.class).headSeq(jobId)).isEqualTo(1);
		});
	}

	@Test
	void defaultsFollowTheDesign() {
		this.publisherApplication.run((context) -> {
			assertThat(context.getBean(EventSettings.class))
				.isEqualTo(new EventSettings(65536, 1_000_000, Duration.ofSeconds(5)));
			assertThat(context.getBean(RetentionSettings.class)).isEqualTo(new RetentionSettings(5000,
					Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(24)));
		});
	}

	@Test
	void bindsSettings() {
		this.publisherApplication
			.withPropertyValues("pneumatic.events.max-payload-bytes=1024", "pneumatic.events.publish-retry=250ms",
					"pneumatic.retention.max-entries=100", "pneumatic.retention.max-age=5m",
					"pneumatic.retention.after-done=10m", "pneumatic.retention.tombstone=1h")
			.run((context) -> {
				assertThat(context.getBean(EventSettings.class))
					.isEqualTo(new EventSettings(1024, 1_000_000, Duration.ofMillis(250)));
				assertThat(context.getBean(RetentionSettings.class)).isEqualTo(new RetentionSettings(100,
						Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(1)));
			});
	}

	@Test
	void refusesToStartWithInvalidSettingsAndSaysHowToFixThem() {
		this.publisherApplication.withPropertyValues("pneumatic.retention.max-entries=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("raise pneumatic.retention.max-entries");
		});
		this.publisherApplication
			.withPropertyValues("pneumatic.retention.after-done=2h", "pneumatic.retention.tombstone=1h")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("pneumatic.retention.tombstone must be at least pneumatic.retention.after-done");
			});
	}

}
