package io.pneumatic.realtime.internal.consume;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How consumer-group readers read the job streams, under {@code pneumatic.consumers}.
 *
 * @param batchSize the most entries read per stream per read, and the most events per
 *     {@code consume} call. Default: 200.
 * @param block how long one blocking read waits for new entries. Default: 1s.
 * @param keyRefresh how often a reader re-reads the list of job streams it covers (a wake-up entry
 *     refreshes it at once). Default: 2s.
 * @param claimIdle how long an entry stays pending, unacknowledged, before another consumer of the
 *     group claims it. Default: 15s.
 * @param claimInterval how often a reader looks for such entries. Default: 5s.
 * @param maxBackoff the longest wait after a failure (Redis down, or {@code consume} threw). Default: 5s.
 */
@ConfigurationProperties("pneumatic.consumers")
@Validated
public record ConsumerSettings(
		@DefaultValue("200")
		@Min(value = 1, message = "must be at least 1: raise pneumatic.consumers.batch-size")
		int batchSize,
		@DefaultValue("1s")
		@DurationMin(millis = 1, message = "must be at least 1ms (0 would block forever): raise pneumatic.consumers.block")
		Duration block,
		@DefaultValue("2s")
		@DurationMin(millis = 10, message = "must be at least 10ms: raise pneumatic.consumers.key-refresh")
		Duration keyRefresh,
		@DefaultValue("15s")
		@DurationMin(millis = 1, message = "must be at least 1ms: raise pneumatic.consumers.claim-idle")
		Duration claimIdle,
		@DefaultValue("5s")
		@DurationMin(millis = 10, message = "must be at least 10ms: raise pneumatic.consumers.claim-interval")
		Duration claimInterval,
		@DefaultValue("5s")
		@DurationMin(millis = 10, message = "must be at least 10ms: raise pneumatic.consumers.max-backoff")
		Duration maxBackoff) {
}
