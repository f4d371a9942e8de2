package io.pneumatic.realtime.internal.log;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of event publishing, under {@code pneumatic.events}.
 *
 * @param maxPayloadBytes the largest accepted payload, in bytes of its JSON form. Default: 65536.
 * @param seqGapAfterRedisLoss how far a job's sequence numbers jump past the archive's last one when
 *     Redis lost its data; the skipped numbers are reported as {@code replay_truncated}. Default: 1000000.
 * @param publishRetry how long a publisher retries while the event log is not ready before it gives up
 *     with {@code NOT_READY}. Default: 5s.
 */
@ConfigurationProperties("pneumatic.events")
@Validated
public record EventSettings(
		@DefaultValue("65536")
		@Min(value = 2, message = "must be at least 2 bytes, the size of {}: raise pneumatic.events.max-payload-bytes")
		int maxPayloadBytes,
		@DefaultValue("1000000")
		@Min(value = 1, message = "must be positive so that no sequence number is reused after Redis lost its data: "
				+ "set pneumatic.events.seq-gap-after-redis-loss above the number of events that may be in Redis "
				+ "but not yet archived")
		long seqGapAfterRedisLoss,
		@DefaultValue("5s")
		@DurationMin(millis = 0, message = "must not be negative: set pneumatic.events.publish-retry to 0s or more")
		Duration publishRetry) {
}
