package io.pneumatic.realtime.internal.system;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

import io.pneumatic.realtime.ProducerLease;
import io.pneumatic.realtime.internal.consume.InstanceSettings;
import io.pneumatic.realtime.internal.consume.StreamConsumersAutoConfiguration;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.stomp.StompHubAutoConfiguration;

/**
 * The hub's {@code /topic/system} feed, with health from Spring Boot's health registries (blocking and
 * reactive: Spring Boot registers Redis's as reactive when Reactor is present).
 */
@AutoConfiguration(after = { StompHubAutoConfiguration.class, StreamConsumersAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ EventLogConnections.class, StringRedisTemplate.class })
@EnableConfigurationProperties(SystemStatusSettings.class)
public final class SystemStatusAutoConfiguration {

	@Bean
	SystemMessages systemMessages(EventLogConnections connections,
			@Qualifier("brokerMessagingTemplate") SimpMessageSendingOperations broker) {
		return new SystemMessages(connections, broker, Clock.systemUTC());
	}

	@Bean
	SystemStatusFeed systemStatusFeed(EventLogConnections connections, StringRedisTemplate redis,
			ObjectProvider<HealthContributorRegistry> registry, ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry,
			SystemMessages messages, JsonMapper json, SystemStatusSettings settings, InstanceSettings instance) {
		HealthContributors blocking = registry.getIfAvailable();
		ReactiveHealthContributorRegistry reactive = reactiveRegistry.getIfAvailable();
		HealthContributors contributors = HealthContributors.of(
				(blocking != null) ? blocking : HealthContributors.of(),
				(reactive != null) ? reactive.asHealthContributors() : HealthContributors.of());
		ProducerLease lease = new ProducerLease(redis, SystemStatusFeed.PRODUCER_LEASE, "system_status", settings.interval());
		return new SystemStatusFeed(connections, lease, new InstanceHealth(contributors), messages, json, settings,
				instance.instanceId(), Clock.systemUTC());
	}

}
