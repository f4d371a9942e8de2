package io.pneumatic.realtime.internal.stomp;

import io.pneumatic.realtime.internal.relay.BrokerRelay;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;

/**
 * Reports whether Spring's STOMP broker relay is connected to the broker ({@code brokerRelay} in
 * the readiness group): without it no client receives anything.
 */
class BrokerRelayHealthIndicator extends AbstractHealthIndicator {

	private final AbstractBrokerMessageHandler relayHandler;

	private final BrokerRelay relay;

	BrokerRelayHealthIndicator(AbstractBrokerMessageHandler relayHandler, BrokerRelay relay) {
		super("broker relay health check failed");
		this.relayHandler = relayHandler;
		this.relay = relay;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.status(this.relayHandler.isBrokerAvailable() ? "UP" : "DOWN")
			.withDetail("relayConnected", this.relayHandler.isBrokerAvailable())
			.withDetail("eventRelayConnected", this.relay.isConnected());
	}

}
