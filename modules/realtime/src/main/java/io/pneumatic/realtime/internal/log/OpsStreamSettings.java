package io.pneumatic.realtime.internal.log;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long ops streams stay in Redis, under {@code pneumatic.ops}. Ops streams are telemetry: capped,
 * never archived, never replayed.
 *
 * @param maxEntries the most entries an ops stream keeps (trimmed approximately, in whole stream nodes, on
 *     every publish). Default: 10000.
 * @param idleExpiry how long an ops stream and its cluster's GPU hash stay after their last event; readers
 *     stop covering a stream idle that long. Default: 1h.
 */
@ConfigurationProperties("pneumatic.ops")
@Validated
public record OpsStreamSettings(
		@DefaultValue("10000")
		@Min(value = 1, message = "must be at least 1: raise pneumatic.ops.max-entries")
		int maxEntries,
		@DefaultValue("1h")
		@DurationMin(seconds = 1, message = "must be at least 1s: raise pneumatic.ops.idle-expiry")
		Duration idleExpiry) {

	/** The defaults, for publishers and tests that do not bind configuration. */
	public static OpsStreamSettings defaults() {
		return new OpsStreamSettings(10_000, Duration.ofHours(1));
	}

}
