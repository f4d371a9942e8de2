package io.pneumatic.realtime.internal.stomp;

import io.pneumatic.realtime.SubscriptionMessages;
import io.pneumatic.realtime.internal.access.AccessConfiguration;
import io.pneumatic.realtime.internal.access.StompAccess;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import io.pneumatic.realtime.internal.broker.EmbeddedBrokerConfiguration;
import io.pneumatic.realtime.internal.delivery.DeliveryConfiguration;
import io.pneumatic.realtime.internal.delivery.StompDelivery;
import io.pneumatic.realtime.internal.relay.BrokerRelay;
import io.pneumatic.realtime.internal.relay.RelayConfiguration;
import io.pneumatic.realtime.internal.replay.JobMessageInterceptor;
import io.pneumatic.realtime.internal.replay.JobSubscriptionInterceptor;
import io.pneumatic.realtime.internal.replay.ReplayConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The hub's real-time side: STOMP endpoint, broker relay (embedded Artemis or an external broker),
 * the event relay from Redis to the broker, and per-subscription replay.
 */
@AutoConfiguration(afterName = "io.pneumatic.realtime.internal.log.EventLogAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ StompSettings.class, BrokerSettings.class })
@EnableWebSocketMessageBroker
@Import({ AccessConfiguration.class, DeliveryConfiguration.class, EmbeddedBrokerConfiguration.class, RelayConfiguration.class, ReplayConfiguration.class })
public class StompHubAutoConfiguration {

	@Bean
	BrokerEndpoint brokerEndpoint(BrokerSettings broker) {
		return BrokerEndpoint.of(broker);
	}

	@Bean
	StompEndpointConfigurer stompEndpointConfigurer(StompSettings stomp, BrokerSettings broker, BrokerEndpoint endpoint,
			StompAccess access, StompDelivery delivery, JobSubscriptionInterceptor subscriptionInterceptor,
			JobMessageInterceptor messageInterceptor) {
		return new StompEndpointConfigurer(stomp, broker, endpoint, access, delivery, subscriptionInterceptor,
				messageInterceptor);
	}

	@Bean
	SubscriptionMessages subscriptionMessages(ApplicationContext context) {
		// The sub-protocol handler is built from the channels the interceptors sit on: resolve it late.
		return new DirectSubscriptionMessages(() -> context.getBean("subProtocolWebSocketHandler", MessageHandler.class));
	}

	/** The container refuses (close code 1009) a WebSocket message larger than the largest STOMP frame. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer(StompSettings stomp) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize((int) stomp.maxFrameSize().toBytes());
		container.setMaxBinaryMessageBufferSize((int) stomp.maxFrameSize().toBytes());
		return container;
	}

	@Bean
	BrokerRelayHealthIndicator brokerRelayHealthIndicator(
			@Qualifier("stompBrokerRelayMessageHandler") AbstractBrokerMessageHandler relayHandler, BrokerRelay relay) {
		return new BrokerRelayHealthIndicator(relayHandler, relay);
	}

}
