package io.pneumatic.realtime.internal.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import io.pneumatic.realtime.internal.stomp.StompSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay consumer (group {@code relay}) and its own broker connections, one for job and one for ops events.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

	@Bean
	BrokerRelay brokerRelay(BrokerSettings broker, BrokerEndpoint endpoint, StompSettings stomp,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, JsonMapper jsonMapper, MeterRegistry registry) {
		BrokerPublisher publisher = new BrokerPublisher(broker, endpoint, scheduler, stomp.receiptTimeout());
		BrokerPublisher opsPublisher = new BrokerPublisher(broker, endpoint, scheduler, stomp.receiptTimeout());
		return new BrokerRelay(publisher, opsPublisher, jsonMapper, stomp.receiptTimeout().plusSeconds(1).toMillis(),
				new RoutedEvents(registry));
	}

}
