package io.pneumatic.realtime.internal.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.internal.log.EventFunctionLibrary;
import io.pneumatic.realtime.internal.log.EventKeys;
import io.pneumatic.realtime.internal.log.EventLogAutoConfiguration;
import io.pneumatic.realtime.testing.TestEventLog;
import io.pneumatic.realtime.testing.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamConsumersAutoConfigurationIntegrationTests {

	private final String relay = "relay-" + UUID.randomUUID().toString().substring(0, 8);

	private final String persist = "persist-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestEventLog log = new TestEventLog();

	private final RecordingConsumer relayConsumer = new RecordingConsumer(this.relay);

	private final RecordingConsumer persistConsumer = new RecordingConsumer(this.persist);

	private final WebApplicationContextRunner hub = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				EventLogAutoConfiguration.class, StreamConsumersAutoConfiguration.class))
		.withPropertyValues(TestRedis.springPropertyPairs())
		.withPropertyValues("pneumatic.instance-id=hub-1", "pneumatic.consumers.block=200ms")
		.withBean(EventFunctionLibrary.class, this.log::library)
		.withBean("relayConsumer", RecordingConsumer.class, () -> this.relayConsumer)
		.withBean("persistConsumer", RecordingConsumer.class, () -> this.persistConsumer);

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void everyConsumerGroupGetsEveryEventOverOneConnectionWhateverTheNumberOfJobs() {
		this.log.trackGroup(this.relay);
		this.log.trackGroup(this.persist);
		this.hub.run((context) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.log.library().isLoadedIn(this.log.redis()));
			EventPublisher publisher = context.getBean(EventPublisher.class);
			List<String> jobIds = IntStream.range(0, 20).mapToObj((i) -> this.log.newJobId()).toList();

			jobIds.forEach((jobId) -> publisher.publish(jobId, "token", Map.of("text", "hi")));

			await().atMost(Duration.ofSeconds(10)).until(() -> this.relayConsumer.consumed().size() == 20
					&& this.persistConsumer.consumed().size() == 20);
			assertThat(this.log.redis().xinfoGroups(EventKeys.stream(jobIds.getFirst()))).hasSize(2);
			assertThat(readerConnections()).hasSize(2).allSatisfy((client) -> assertThat(client).contains(" cmd=xreadgroup"));
			assertThat(this.log.redis().xinfoConsumers(EventKeys.stream(jobIds.getFirst()), this.relay).toString())
				.contains("hub-1");
		});
	}

	@Test
	void defaultsFollowTheDesign() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
					EventLogAutoConfiguration.class, StreamConsumersAutoConfiguration.class))
			.withPropertyValues(TestRedis.springPropertyPairs())
			.withBean(EventFunctionLibrary.class, this.log::library)
			.run((context) -> {
				assertThat(context.getBean(ConsumerSettings.class)).isEqualTo(new ConsumerSettings(200, Duration.ofSeconds(1),
						Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5)));
				assertThat(context.getBean(InstanceSettings.class).instanceId()).matches("[A-Za-z0-9.-]+-\\d+-[0-9a-f]{6}");
			});
	}

	@Test
	void refusesTwoConsumersInOneGroup() {
		this.hub.withBean("secondRelay", RecordingConsumer.class, () -> new RecordingConsumer(this.relay)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Consumer group '" + this.relay + "' is used by both");
		});
	}

	private List<String> readerConnections() {
		return this.log.redis()
			.clientList()
			.lines()
			.filter((line) -> line.contains(" name=pneumatic-" + this.relay + "-reader ")
					|| line.contains(" name=pneumatic-" + this.persist + "-reader "))
			.toList();
	}

}
