package io.pneumatic.realtime.internal.log;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.EventStreamConsumer;

/**
 * The event log on Redis: an {@link EventPublisher} in every application (the hub and plain
 * publishers such as worker-sim), and in the hub (a servlet web application) the {@link EventLog}
 * and the watchdog that restores sequence numbers and loads the event library.
 */
@AutoConfiguration(after = { DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@ConditionalOnBean({ LettuceConnectionFactory.class, JsonMapper.class })
@EnableConfigurationProperties({ EventSettings.class, RetentionSettings.class, OpsStreamSettings.class })
public final class EventLogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventFunctionLibrary eventFunctionLibrary() {
		return EventFunctionLibrary.DEFAULT;
	}

	@Bean
	EventLogConnections eventLogConnections(LettuceConnectionFactory connectionFactory) {
		return EventLogConnections.of(connectionFactory);
	}

	@Bean
	EventEntryMapper eventEntryMapper(JsonMapper jsonMapper) {
		return new EventEntryMapper(jsonMapper);
	}

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	RedisEventPublisher eventPublisher(EventLogConnections connections, EventFunctionLibrary library, JsonMapper jsonMapper,
			EventSettings settings) {
		return new RedisEventPublisher(connections, library, jsonMapper, settings);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class HubConfiguration {

		private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

		private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

		@Bean
		@ConditionalOnMissingBean(EventLog.class)
		RedisEventLog eventLog(EventLogConnections connections, ObjectProvider<EventArchive> archive,
				EventEntryMapper entryMapper, JsonMapper jsonMapper) {
			return new RedisEventLog(connections, archive.getIfAvailable(EmptyEventArchive::new), entryMapper, jsonMapper,
					Clock.systemUTC());
		}

		@Bean
		SequenceRestorer sequenceRestorer(EventLogConnections connections, ObjectProvider<EventArchive> archive,
				EventFunctionLibrary library, EventSettings events, RetentionSettings retention, OpsStreamSettings ops) {
			return new SequenceRestorer(connections, archive.getIfAvailable(EmptyEventArchive::new), library, events,
					retention, ops, Clock.systemUTC());
		}

		@Bean
		EventLogWatchdog eventLogWatchdog(EventLogConnections connections, SequenceRestorer restorer,
				EventFunctionLibrary library, ObjectProvider<EventStreamConsumer> consumers) {
			return new EventLogWatchdog(connections, restorer, library,
					() -> consumers.orderedStream().map(EventStreamConsumer::group).distinct().sorted().toList(),
					CHECK_INTERVAL, MAX_BACKOFF);
		}

	}

}
