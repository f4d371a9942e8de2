package io.pneumatic.api.queues;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The queue visualization feed on {@code /topic/queues} and {@code /topic/queues.previews}, under
 * {@code pneumatic.queues.feed}.
 *
 * @param lengthsInterval how often exact lane lengths go out (changed lanes only); default {@code 2s}
 * @param activityInterval how often lane activity levels go out; default {@code 5s}
 * @param positionsInterval how often every lane's capsule positions and completion estimates go out, in full; default {@code 10s}
 */
@ConfigurationProperties("pneumatic.queues.feed")
@Validated
public record QueueFeedSettings(@DefaultValue("2s") Duration lengthsInterval, @DefaultValue("5s") Duration activityInterval,
		@DefaultValue("10s") Duration positionsInterval) {

	@AssertTrue(message = "pneumatic.queues.feed intervals must be positive, and lengths-interval no longer than the others")
	public boolean isOrdered() {
		return this.lengthsInterval.isPositive() && this.lengthsInterval.compareTo(this.activityInterval) <= 0
				&& this.lengthsInterval.compareTo(this.positionsInterval) <= 0;
	}

}
