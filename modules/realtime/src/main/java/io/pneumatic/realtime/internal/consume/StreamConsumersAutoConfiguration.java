package io.pneumatic.realtime.internal.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.pneumatic.realtime.EventStreamConsumer;
import io.pneumatic.realtime.internal.log.EventEntryMapper;
import io.pneumatic.realtime.internal.log.EventLogAutoConfiguration;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.log.OpsStreamSettings;
import io.pneumatic.realtime.internal.log.RetentionSettings;

/**
 * Blocking consumer-group readers for every {@link EventStreamConsumer} bean: one virtual thread and
 * one dedicated Redis connection per consumer group, and one more for a group that also reads ops streams.
 */
@AutoConfiguration(after = EventLogAutoConfiguration.class)
@ConditionalOnBean(EventLogConnections.class)
@EnableConfigurationProperties({ ConsumerSettings.class, InstanceSettings.class })
public final class StreamConsumersAutoConfiguration {

	@Bean
	ConsumerGroupReaders consumerGroupReaders(ObjectProvider<EventStreamConsumer> consumers,
			EventLogConnections connections, EventEntryMapper entryMapper, ConsumerSettings settings,
			RetentionSettings retention, OpsStreamSettings ops, InstanceSettings instance,
			ObjectProvider<MeterRegistry> registry) {
		return new ConsumerGroupReaders(consumers, connections, entryMapper, settings, retention, ops, instance,
				registry.getIfAvailable(SimpleMeterRegistry::new));
	}

}
