package io.pneumatic.realtime.internal.access;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.pneumatic.realtime.ChannelMemberships;
import io.pneumatic.realtime.ClientAuthenticator;
import io.pneumatic.realtime.JobOwnership;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access control of the STOMP endpoint: identity at the handshake and at CONNECT (through the
 * application's {@link ClientAuthenticator}), destination rules, rate limits and error reporting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessSettings.class)
public class AccessConfiguration {

	@Bean
	StompErrors stompErrors(ApplicationContext context) {
		// The messaging template and the channels are built from the configurer these parts go into: resolve late.
		return new StompErrors(() -> context.getBean("brokerMessagingTemplate", SimpMessageSendingOperations.class),
				() -> context.getBean("clientOutboundChannel", MessageChannel.class));
	}

	@Bean
	DestinationRules destinationRules(ObjectProvider<JobOwnership> jobOwnership,
			ObjectProvider<ChannelMemberships> channelMemberships) {
		return new DestinationRules(jobOwnership.getIfAvailable(() -> (jobId, userId) -> false),
				channelMemberships.getIfAvailable(NoChannelMemberships::new));
	}

	@Bean
	ClientSessions clientSessions(DestinationRules rules, StompErrors errors, ApplicationContext context,
			RateLimits limits, AccessSettings settings) {
		return new ClientSessions(rules, errors, () -> context.getBean("clientInboundChannel", MessageChannel.class),
				limits, settings.connectionLease());
	}

	@Bean
	RateLimits rateLimits(AccessSettings settings, LettuceConnectionFactory connectionFactory) {
		return new RateLimits(settings, () -> {
			AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
			if (!(client instanceof RedisClient redisClient)) {
				throw new IllegalStateException("Rate limits need a standalone or Sentinel Redis");
			}
			return redisClient;
		});
	}

	@Bean
	StompAccess stompAccess(ClientAuthenticator authenticator, ClientSessions sessions, DestinationRules rules,
			RateLimits limits, StompErrors errors, AccessSettings settings, JsonMapper jsonMapper) {
		return new StompAccess(new HandshakeAccess(authenticator, limits),
				new StompAccessInterceptor(authenticator, sessions, rules, limits, errors, settings, jsonMapper),
				new MalformedFrames(sessions), sessions);
	}

	@Bean
	ApplicationListener<SessionDisconnectEvent> clientSessionsCleaner(ClientSessions sessions) {
		return event -> sessions.closed(event.getSessionId());
	}

}
