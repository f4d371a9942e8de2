package io.pneumatic.realtime.internal.replay;

import io.pneumatic.realtime.EventLog;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.pneumatic.realtime.internal.delivery.StompDelivery;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageHandler;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-subscription replay and ordering of job streams.
 */
@Configuration(proxyBeanMethods = false)
public class ReplayConfiguration {

	@Bean
	ReplayOutcomes replayOutcomes(MeterRegistry registry) {
		return new ReplayOutcomes(registry);
	}

	@Bean
	JobSubscriptions jobSubscriptions(EventLog eventLog, JsonMapper jsonMapper, ApplicationContext context,
			StompDelivery delivery, ReplayOutcomes outcomes) {
		// The sub-protocol handler is built from the channels these interceptors sit on: resolve it on first use, once.
		SingletonSupplier<MessageHandler> handler = SingletonSupplier
			.of(() -> context.getBean("subProtocolWebSocketHandler", MessageHandler.class));
		JobSubscriptions.ClientMessageWriter writer = new JobSubscriptions.ClientMessageWriter(
				(message) -> handler.obtain().handleMessage(message), delivery::awaitRoom, delivery::hasRoom);
		return new JobSubscriptions(eventLog, jsonMapper, writer, outcomes);
	}

	@Bean
	JobSubscriptionInterceptor jobSubscriptionInterceptor(JobSubscriptions subscriptions) {
		return new JobSubscriptionInterceptor(subscriptions);
	}

	@Bean
	JobMessageInterceptor jobMessageInterceptor(JobSubscriptions subscriptions) {
		return new JobMessageInterceptor(subscriptions);
	}

	@Bean
	ApplicationListener<SessionDisconnectEvent> jobSubscriptionsCleaner(JobSubscriptions subscriptions) {
		return event -> subscriptions.disconnected(event.getSessionId());
	}

}
