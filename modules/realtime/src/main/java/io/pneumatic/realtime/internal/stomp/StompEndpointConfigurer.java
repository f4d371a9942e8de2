package io.pneumatic.realtime.internal.stomp;

import io.pneumatic.realtime.internal.access.StompAccess;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import io.pneumatic.realtime.internal.replay.JobMessageInterceptor;
import io.pneumatic.realtime.internal.replay.JobSubscriptionInterceptor;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Registers the STOMP endpoint and Spring's broker relay: access control first (clients may send only
 * to {@code /app/**} and subscribe to what their token allows), then per-subscription replay;
 * {@code /topic/**} and {@code /queue/**} go to the broker, which does the fan-out.
 */
class StompEndpointConfigurer implements WebSocketMessageBrokerConfigurer {

	private final StompSettings stomp;

	private final BrokerSettings broker;

	private final BrokerEndpoint endpoint;

	private final StompAccess access;

	private final JobSubscriptionInterceptor subscriptionInterceptor;

	private final JobMessageInterceptor messageInterceptor;

	StompEndpointConfigurer(StompSettings stomp, BrokerSettings broker, BrokerEndpoint endpoint, StompAccess access,
			JobSubscriptionInterceptor subscriptionInterceptor,
			JobMessageInterceptor messageInterceptor) {
		this.stomp = stomp;
		this.broker = broker;
		this.endpoint = endpoint;
		this.access = access;
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
		registration.setMessageSizeLimit((int) this.stomp.maxFrameSize().toBytes())
			.setSendTimeLimit((int) this.stomp.sendTimeLimit().toMillis())
			.setSendBufferSizeLimit((int) this.stomp.sendBufferSize().toBytes())
			.addDecoratorFactory(this.access.sessionNaming());
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.access.inbound(), this.subscriptionInterceptor);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.messageInterceptor);
	}

}
