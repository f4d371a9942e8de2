package io.pneumatic.realtime.internal.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the hub delivers to its STOMP clients, under {@code pneumatic.delivery}.
 *
 * @param queueSize how many frames may wait for one client; when full, the oldest ops, system or queue
 *     feed frame is dropped (counted), and a client whose job-stream frames do not fit is cut off
 *     with {@code QUEUE_FULL} and resumes by replay; default {@code 100}
 * @param sendBufferSize how many bytes may wait for one client, with the same consequences; default {@code 512KB}
 * @param sendTimeLimit how long one write to a client may block before the client is cut off; default {@code 10s}
 * @param heartbeat the STOMP heart-beat the hub offers and asks for: clients that ask for heart-beats
 *     get them no more often than this; default {@code 30s}
 * @param heartbeatGrace how long past one and a half negotiated heart-beat intervals a silent client is
 *     still waited for before it is disconnected; default {@code 10s}
 * @param idleTimeout how long a connection with no subscription and no frame but heart-beats stays open;
 *     default {@code 300s}
 * @param ackTimeout how long the hub waits for the acknowledgement of a critical event before it sends
 *     it again; doubled after each attempt; default {@code 2s}
 * @param ackAttempts how many times a critical event is sent before it is recorded as undelivered;
 *     default {@code 5}
 * @param reconnectAfter the least time a client is told to wait before it reconnects after a server
 *     shutdown; each client gets a random time between this and twice this; default {@code 2s}
 * @param undeliveredKept how many undelivered-event records {@code delivery:undelivered} keeps; default {@code 10000}
 */
@ConfigurationProperties("pneumatic.delivery")
@Validated
public record DeliverySettings(
		@Min(value = 1, message = "pneumatic.delivery.queue-size must be at least 1") @Max(value = 100_000, message = "pneumatic.delivery.queue-size must be at most 100000") @DefaultValue("100") int queueSize,
		@DefaultValue("512KB") DataSize sendBufferSize,
		@DefaultValue("10s") Duration sendTimeLimit,
		@DefaultValue("30s") Duration heartbeat,
		@DefaultValue("10s") Duration heartbeatGrace,
		@DefaultValue("300s") Duration idleTimeout,
		@DefaultValue("2s") Duration ackTimeout,
		@Min(value = 1, message = "pneumatic.delivery.ack-attempts must be at least 1") @DefaultValue("5") int ackAttempts,
		@DefaultValue("2s") Duration reconnectAfter,
		@Min(value = 1, message = "pneumatic.delivery.undelivered-kept must be at least 1") @DefaultValue("10000") int undeliveredKept) {
}
