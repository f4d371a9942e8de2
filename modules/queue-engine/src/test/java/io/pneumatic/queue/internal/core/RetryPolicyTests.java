package io.pneumatic.queue.internal.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

	@Test
	void doublesTheBackoffAfterEachFailedAttempt() {
		assertThat(this.policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.policy.backoffAfter(6)).isEqualTo(Duration.ofSeconds(32));
	}

	@Test
	void capsTheBackoffAtTheMaximumWithoutOverflow() {
		assertThat(this.policy.backoffAfter(7)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.policy.backoffAfter(64)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.policy.backoffAfter(1000)).isEqualTo(Duration.ofSeconds(60));
		assertThat(new RetryPolicy(3, Duration.ofMillis(3), Duration.ofMillis(5)).backoffAfter(2)).isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void zeroBaseRetriesAtOnce() {
		assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO).backoffAfter(500)).isZero();
	}

	@Test
	void theLastAttemptIsTheMaximum() {
		assertThat(this.policy.retriesAfter(4)).isTrue();
		assertThat(this.policy.retriesAfter(5)).isFalse();
		assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).retriesAfter(1)).isFalse();
	}

	@Test
	void refusesInconsistentRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("0 <= base <= max");
		assertThatIllegalArgumentException().isThrownBy(() -> this.policy.backoffAfter(0));
	}

}
