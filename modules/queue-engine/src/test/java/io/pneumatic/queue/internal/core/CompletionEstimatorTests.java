package io.pneumatic.queue.internal.core;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CompletionEstimatorTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final CompletionEstimator estimator = new CompletionEstimator(Duration.ofSeconds(5));

	@Test
	void waitsForTheItemsAheadAndItsOwnProcessing() {
		assertThat(this.estimator.estimate(NOW, 0, 200.0)).isEqualTo(NOW.plusMillis(200));
		assertThat(this.estimator.estimate(NOW, 3, 200.0)).isEqualTo(NOW.plusMillis(800));
		assertThat(this.estimator.estimate(NOW, 1, 0.5)).isEqualTo(NOW.plusMillis(1));
	}

	@Test
	void assumesTheFallbackWithoutAnAverage() {
		assertThat(this.estimator.estimate(NOW, 1, null)).isEqualTo(NOW.plusSeconds(10));
	}

	@Test
	void refusesNegativePositions() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.estimator.estimate(NOW, -1, 1.0));
	}

}
