package io.pneumatic.sim.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LaneOrderAuditTests {

	private final LaneOrderAudit audit = new LaneOrderAudit();

	@Test
	void acceptsIncreasingIdsOneAtATimePerLane() {
		this.audit.claimed("a", 1);
		this.audit.claimed("b", 2);
		this.audit.completing("a");
		this.audit.claimed("a", 3);
		this.audit.abandoned("b");
		this.audit.claimed("b", 2);

		assertThat(this.audit.violations()).isZero();
	}

	@Test
	void countsAnItemClaimedAfterALaterOne() {
		this.audit.claimed("a", 5);
		this.audit.completing("a");
		this.audit.claimed("a", 4);

		assertThat(this.audit.outOfOrder()).isEqualTo(1);
		assertThat(this.audit.overlapping()).isZero();
	}

	@Test
	void countsAClaimWhileTheLanesItemIsInFlight() {
		this.audit.claimed("a", 1);
		this.audit.claimed("a", 2);

		assertThat(this.audit.overlapping()).isEqualTo(1);
		assertThat(this.audit.violations()).isEqualTo(1);
	}

}
