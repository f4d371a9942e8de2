package io.pneumatic.realtime.internal.stomp;

import io.pneumatic.realtime.internal.access.StompAccess;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import io.pneumatic.realtime.internal.delivery.StompDelivery;
import io.pneumatic.realtime.internal.replay.JobMessageInterceptor;
import io.pneumatic.realtime.internal.replay.JobSubscriptionInterceptor;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Registers the STOMP endpoint and Spring's broker relay: access control first (clients may send only
 * to {@code /app/**} and subscribe to what their token allows), then delivery (heart-beats,
 * acknowledgements; every session writes through its own bounded queue), then per-subscription replay;
 * {@code /topic/**} and {@code /queue/**} go to the broker, which does the fan-out.
 */
class StompEndpointConfigurer implements WebSocketMessageBrokerConfigurer {

	private final StompSettings stomp;

	private final BrokerSettings broker;

	private final BrokerEndpoint endpoint;

	private final StompAccess access;

	private final StompDelivery delivery;

	private final JobSubscriptionInterceptor subscriptionInterceptor;

	private final JobMessageInterceptor messageInterceptor;

	StompEndpointConfigurer(StompSettings stomp, BrokerSettings broker, BrokerEndpoint endpoint, StompAccess access,
			StompDelivery delivery, JobSubscriptionInterceptor subscriptionInterceptor,
			JobMessageInterceptor messageInterceptor) {
		this.stomp = stomp;
		this.broker = broker;
		this.endpoint = endpoint;
		this.access = access;
		this.delivery = delivery;
		this.subscriptionInterceptor = subscriptionInterceptor;
		this.messageInterceptor = messageInterceptor;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(this.stomp.endpoint())
			.setAllowedOriginPatterns(this.stomp.allowedOrigins().toArray(String[]::new))
			.addInterceptors(this.access.handshake())
			.withSockJS();
		registry.setErrorHandler(this.access.errorHandler());
		// A session's frames are handled in the order they came: a client's chat messages get seqs in its send order.
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		registry.setPreservePublishOrder(true);
		registry.enableStompBrokerRelay("/topic", "/queue")
			.setRelayHost(this.endpoint.host())
			.setRelayPort(this.endpoint.port())
			.setClientLogin(this.broker.login())
			.setClientPasscode(this.broker.passcode())
			.setSystemLogin(this.broker.login())
			.setSystemPasscode(this.broker.passcode())
			.setVirtualHost(this.broker.virtualHost());
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		// Spring's own send limits never trigger: a ClientConnection's sendMessage only queues.
		registration.setMessageSizeLimit((int) this.stomp.maxFrameSize().toBytes())
			.addDecoratorFactory(this.access.sessionNaming())
			.addDecoratorFactory(this.delivery.connections());
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.access.inbound(), this.delivery.inbound(), this.subscriptionInterceptor);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.messageInterceptor);
	}

}
