package io.pneumatic.realtime.internal.presence;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Presence and channel events, under {@code pneumatic.presence}.
 *
 * @param lease how long a connection stays online without a renewal; owners renew every third of it, so an
 *     instance or worker that dies takes its entities offline within this time (plus one sweep); default {@code 30s}
 * @param sweepInterval how often each instance looks for expired leases and announces their leaves; default {@code 1s}
 * @param relayLease how long the instance that relays channel events to the broker keeps that role without
 *     renewing it: the longest pause in channel events when it dies; default {@code 3s}
 */
@ConfigurationProperties("pneumatic.presence")
@Validated
public record PresenceSettings(
		@DefaultValue("30s") @DurationMin(millis = 300, message = "pneumatic.presence.lease must be at least 300ms, e.g. 30s") Duration lease,
		@DefaultValue("1s") @DurationMin(millis = 10, message = "pneumatic.presence.sweep-interval must be at least 10ms, e.g. 1s") Duration sweepInterval,
		@DefaultValue("3s") @DurationMin(millis = 300, message = "pneumatic.presence.relay-lease must be at least 300ms, e.g. 3s") Duration relayLease) {
}
