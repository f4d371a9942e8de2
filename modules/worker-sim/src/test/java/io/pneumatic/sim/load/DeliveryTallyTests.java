package io.pneumatic.sim.load;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTallyTests {

	@Test
	void countsNothingWhenEveryEventArrivesOnceInOrder() {
		DeliveryTally tally = new DeliveryTally();
		for (long seq = 1; seq <= 5; seq++) {
			tally.record(seq);
		}

		assertThat(tally.missing(seqs(1, 5))).isZero();
		assertThat(tally.takeAnomalies()).isEqualTo(DeliveryTally.Anomalies.NONE);
		assertThat(tally.highestSeq()).isEqualTo(5);
	}

	@Test
	void countsMissingSeqsAsLost() {
		DeliveryTally tally = new DeliveryTally();
		tally.record(1);
		tally.record(2);
		tally.record(5);

		assertThat(tally.missing(seqs(1, 6))).isEqualTo(3);
	}

	@Test
	void countsEveryRepeatedArrivalAsDuplicated() {
		DeliveryTally tally = new DeliveryTally();
		tally.record(1);
		tally.record(2);
		tally.record(2);
		tally.record(1);
		tally.record(2);

		assertThat(tally.takeAnomalies()).isEqualTo(new DeliveryTally.Anomalies(3, 0));
		assertThat(tally.missing(seqs(1, 2))).isZero();
	}

	@Test
	void countsAnEventThatArrivesAfterAHigherSeqAsOutOfOrder() {
		DeliveryTally tally = new DeliveryTally();
		tally.record(1);
		tally.record(3);
		tally.record(2);
		tally.record(4);

		assertThat(tally.takeAnomalies()).isEqualTo(new DeliveryTally.Anomalies(0, 1));
		assertThat(tally.missing(seqs(1, 4))).isZero();
		assertThat(tally.highestSeq()).isEqualTo(4);
	}

	@Test
	void countsALateDuplicateAsDuplicatedOnly() {
		DeliveryTally tally = new DeliveryTally();
		tally.record(1);
		tally.record(2);
		tally.record(1);

		assertThat(tally.takeAnomalies()).isEqualTo(new DeliveryTally.Anomalies(1, 0));
	}

	@Test
	void startsCountingAnomaliesAfreshAfterTakingThem() {
		DeliveryTally tally = new DeliveryTally();
		tally.record(2);
		tally.record(1);
		tally.takeAnomalies();
		tally.record(3);

		assertThat(tally.takeAnomalies()).isEqualTo(DeliveryTally.Anomalies.NONE);
	}

	@Test
	void lostCountsOnlyTheExpectedSeqs() {
		DeliveryTally tally = new DeliveryTally();
		tally.record(1);
		tally.record(2);

		assertThat(tally.missing(seqs(3, 4))).isEqualTo(2);
		assertThat(tally.missing(seqs(2, 2))).isZero();
	}

	private static BitSet seqs(int from, int to) {
		BitSet seqs = new BitSet();
		seqs.set(from, to + 1);
		return seqs;
	}

}
