package io.pneumatic.realtime.internal.presence;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.ChannelEvents;
import io.pneumatic.realtime.Presence;
import io.pneumatic.realtime.internal.access.StompErrors;
import io.pneumatic.realtime.internal.consume.InstanceSettings;
import io.pneumatic.realtime.internal.log.EventLogAutoConfiguration;
import io.pneumatic.realtime.internal.log.EventLogConnections;

/**
 * Presence and channel events on Redis: {@link Presence} and {@link ChannelEvents} in every application
 * (the hub and workers such as worker-sim), and in the hub the presence of STOMP clients, the sweeper of
 * expired leases, the relay of channel events to the broker and the chat and status handlers.
 */
@AutoConfiguration(after = EventLogAutoConfiguration.class,
		afterName = "io.pneumatic.realtime.internal.stomp.StompHubAutoConfiguration")
@ConditionalOnBean({ EventLogConnections.class, JsonMapper.class })
@EnableConfigurationProperties({ PresenceSettings.class, InstanceSettings.class })
public final class PresenceAutoConfiguration {

	@Bean
	PresenceFunctions presenceFunctions(EventLogConnections connections) {
		return new PresenceFunctions(connections);
	}

	@Bean
	RedisPresence presence(PresenceFunctions functions, JsonMapper json, PresenceSettings settings) {
		return new RedisPresence(functions, json, settings.lease());
	}

	@Bean
	RedisChannelEvents channelEvents(PresenceFunctions functions, JsonMapper json) {
		return new RedisChannelEvents(functions, json);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBean(name = "stompBrokerRelayMessageHandler")
	static class HubConfiguration {

		@Bean
		PresenceSweeper presenceSweeper(PresenceFunctions functions, PresenceSettings settings) {
			return new PresenceSweeper(functions, settings.sweepInterval());
		}

		@Bean
		ChannelEventRelay channelEventRelay(PresenceFunctions functions, EventLogConnections connections,
				@Qualifier("brokerMessagingTemplate") SimpMessageSendingOperations broker,
				@Qualifier("stompBrokerRelayMessageHandler") AbstractBrokerMessageHandler relayHandler, JsonMapper json,
				InstanceSettings instance, PresenceSettings settings) {
			return new ChannelEventRelay(functions, connections, broker, relayHandler::isBrokerAvailable, json,
					instance.instanceId(), settings.relayLease());
		}

		@Bean
		PresenceSessions presenceSessions(Presence presence, InstanceSettings instance) {
			return new PresenceSessions(presence, instance.instanceId());
		}

		@Bean
		ChannelMessageController channelMessageController(ChannelEvents events, PresenceSessions sessions,
				StompErrors errors, JsonMapper json) {
			return new ChannelMessageController(events, sessions, errors, json);
		}

	}

}
