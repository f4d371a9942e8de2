package io.pneumatic.realtime.internal.log;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long job streams stay in Redis, under {@code pneumatic.retention}.
 *
 * @param maxEntries the most entries a job stream keeps (trimmed approximately, in whole stream nodes).
 *     Default: 5000.
 * @param maxAge how old the oldest entry of a job stream may be; older ones are trimmed when the job
 *     publishes. Default: 30m.
 * @param afterDone how long a job stream stays after its {@code done} event. Default: 30m.
 * @param tombstone how long a finished job's sequence number and done mark stay, refusing late events.
 *     Default: 24h.
 */
@ConfigurationProperties("pneumatic.retention")
@Validated
public record RetentionSettings(
		@DefaultValue("5000")
		@Min(value = 1, message = "must be at least 1: raise pneumatic.retention.max-entries")
		int maxEntries,
		@DefaultValue("30m")
		@DurationMin(seconds = 1, message = "must be at least 1s: raise pneumatic.retention.max-age")
		Duration maxAge,
		@DefaultValue("30m")
		@DurationMin(seconds = 1, message = "must be at least 1s: raise pneumatic.retention.after-done")
		Duration afterDone,
		@DefaultValue("24h")
		@DurationMin(seconds = 1, message = "must be at least 1s: raise pneumatic.retention.tombstone")
		Duration tombstone) {

	/** Whether a finished job's done mark outlives its stream, as it must to refuse late events. */
	@AssertTrue(message = "pneumatic.retention.tombstone must be at least pneumatic.retention.after-done: "
			+ "raise the tombstone or shorten after-done")
	public boolean isTombstoneCoveringAfterDone() {
		return this.tombstone.compareTo(this.afterDone) >= 0;
	}

}
