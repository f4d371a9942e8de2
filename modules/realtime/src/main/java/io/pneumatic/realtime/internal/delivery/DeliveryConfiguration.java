package io.pneumatic.realtime.internal.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.pneumatic.realtime.internal.access.StompAccess;
import io.pneumatic.realtime.internal.consume.InstanceSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery to STOMP clients: per-connection outbound queues and writers, heart-beats, idle timeout,
 * acknowledged delivery of critical events, the shutdown notice and the delivery metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
public class DeliveryConfiguration {

	/** The connections of this instance; also the {@link io.pneumatic.realtime.StreamingClients} of the application. */
	@Bean
	ClientConnections clientConnections(InstanceSettings instance, DeliverySettings settings, StompAccess access,
			MeterRegistry registry, StringRedisTemplate redis) {
		return new ClientConnections(instance.instanceId(), settings, access, registry, new UndeliveredEvents(redis, settings.undeliveredKept()),
				Clock.systemUTC());
	}

	@Bean
	StompDelivery stompDelivery(ClientConnections connections, StompAccess access, JsonMapper jsonMapper,
			DeliverySettings settings) {
		return new StompDelivery(connections, new DeliveryInterceptor(connections, access, jsonMapper, settings.heartbeat()));
	}

	/** Runs before any lifecycle stops: clients hear about the shutdown while the broker relay still works. */
	@Bean
	ApplicationListener<ContextClosedEvent> shutdownNotice(ClientConnections connections) {
		return (event) -> connections.shutdown();
	}

}
