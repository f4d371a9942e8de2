package io.pneumatic.realtime.internal.access;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may connect to the STOMP endpoint and how much each client may send, under {@code pneumatic.access}.
 *
 * @param anonymous whether a connection without a token is accepted (it sees public destinations only); default {@code false}
 * @param maxSubscriptionsPerConnection subscriptions one connection may hold; default {@code 100}
 * @param maxConnectionsPerUser connections one user may hold at once, over all instances; default {@code 20}
 * @param connectionLease how long a connection still counts for its user after its instance stopped renewing it
 *     (an instance that died); default {@code 60s}
 * @param framesPerConnection inbound frames one connection may send per second (bursts up to twice as many); default {@code 50}
 * @param framesPerUser inbound frames one user may send per second over all connections and instances (bursts up to twice as many); default {@code 200}
 * @param handshakesPerIp WebSocket and SockJS handshakes one IP address may open per minute; default {@code 60}
 * @param abuseThreshold rate-limited frames in a row after which the connection is closed; default {@code 100}
 */
@ConfigurationProperties("pneumatic.access")
@Validated
public record AccessSettings(
		@DefaultValue("false") boolean anonymous,
		@Min(value = 1, message = "pneumatic.access.max-subscriptions-per-connection must be at least 1") @DefaultValue("100") int maxSubscriptionsPerConnection,
		@Min(value = 1, message = "pneumatic.access.max-connections-per-user must be at least 1") @DefaultValue("20") int maxConnectionsPerUser,
		@DefaultValue("60s") Duration connectionLease,
		@Min(value = 1, message = "pneumatic.access.frames-per-connection must be at least 1") @DefaultValue("50") int framesPerConnection,
		@Min(value = 1, message = "pneumatic.access.frames-per-user must be at least 1") @DefaultValue("200") int framesPerUser,
		@Min(value = 1, message = "pneumatic.access.handshakes-per-ip must be at least 1") @DefaultValue("60") int handshakesPerIp,
		@Min(value = 1, message = "pneumatic.access.abuse-threshold must be at least 1") @DefaultValue("100") int abuseThreshold) {
}
