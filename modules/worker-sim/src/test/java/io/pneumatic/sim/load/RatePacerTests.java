package io.pneumatic.sim.load;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatePacerTests {

	@Test
	void spacesEventsEvenlyFromTheStart() {
		RatePacer pacer = new RatePacer(1_000, 4, new FakeClock(0));

		assertThat(pacer.intendedNanos(0)).isEqualTo(1_000);
		assertThat(pacer.intendedNanos(1)).isEqualTo(250_001_000);
		assertThat(pacer.intendedNanos(4)).isEqualTo(1_000_001_000);
	}

	@Test
	void countsTheEventsDueBeforeAnInstant() {
		RatePacer pacer = new RatePacer(0, 2_000, new FakeClock(0));

		assertThat(pacer.eventsBefore(1_000_000_000L)).isEqualTo(2_000);
		assertThat(pacer.eventsBefore(1_000_000_001L)).isEqualTo(2_001);
		assertThat(pacer.eventsBefore(0)).isZero();
	}

	@Test
	void waitsUntilEachEventIsDue() {
		FakeClock clock = new FakeClock(0);
		RatePacer pacer = new RatePacer(0, 10, clock);

		for (long index = 0; index < 5; index++) {
			assertThat(pacer.awaitTurn(index)).isEqualTo(index * 100_000_000L);
			assertThat(clock.now).isEqualTo(index * 100_000_000L);
		}
	}

	@Test
	void sendsOverdueEventsAtOnceStampedWithTheirIntendedTime() {
		FakeClock clock = new FakeClock(1_000_000_000L);
		RatePacer pacer = new RatePacer(0, 10, clock);

		List<Long> intended = new ArrayList<>();
		for (long index = 0; index < 5; index++) {
			intended.add(pacer.awaitTurn(index));
		}

		assertThat(clock.parks).isEmpty();
		assertThat(intended).containsExactly(0L, 100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L);
	}

	@Test
	void keepsWaitingWhenAParkEndsEarly() {
		FakeClock clock = new FakeClock(0);
		clock.parkShortfall = 10;
		RatePacer pacer = new RatePacer(0, 1, clock);

		assertThat(pacer.awaitTurn(1)).isEqualTo(1_000_000_000L);
		assertThat(clock.now).isGreaterThanOrEqualTo(1_000_000_000L);
		assertThat(clock.parks).hasSizeGreaterThan(1);
	}

	private static final class FakeClock implements RatePacer.Clock {

		private long now;

		private long parkShortfall;

		private final List<Long> parks = new ArrayList<>();

		FakeClock(long now) {
			this.now = now;
		}

		@Override
		public long nanoTime() {
			return this.now;
		}

		@Override
		public void parkNanos(long nanos) {
			this.parks.add(nanos);
			this.now += Math.max(1, nanos - this.parkShortfall);
		}

	}

}
