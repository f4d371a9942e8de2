package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueueSettingsTests {

	@Test
	void defaultsMatchTheDocumentation() {
		QueueSettings defaults = QueueSettings.defaults();

		assertThat(defaults.lease()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.maxAttempts()).isEqualTo(5);
		assertThat(defaults.backoffBase()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.backoffMax()).isEqualTo(Duration.ofSeconds(60));
		assertThat(defaults.dedupWindow()).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.retryPolicy().backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void refusesValuesOutOfRangeNamingTheProperty() {
		QueueSettings defaults = QueueSettings.defaults();

		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withLease(Duration.ofMillis(5)))
			.withMessageStartingWith("pneumatic.queue.lease must be from 10ms to 12h");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> defaults.withRetries(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
			.withMessageStartingWith("pneumatic.queue.max-attempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> defaults.withRetries(3, Duration.ofSeconds(10), Duration.ofSeconds(2)))
			.withMessageStartingWith("pneumatic.queue.backoff-max must be at least pneumatic.queue.backoff-base");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withIdleLaneTtl(Duration.ofSeconds(-1)))
			.withMessageStartingWith("pneumatic.queue.idle-lane-ttl");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withLimits(0, 10, Duration.ofMinutes(1)))
			.withMessageStartingWith("pneumatic.queue.max-params-bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withLimits(10, 10, Duration.ZERO))
			.withMessageStartingWith("pneumatic.queue.dedup-window");
	}

}
