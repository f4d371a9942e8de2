package io.pneumatic.sim.worker;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentScreenerTests {

	@Test
	void flagsTellTalePhrasesWithTheirCategoryWhateverTheProbability() {
		ScreeningVerdict verdict = new ContentScreener(new SplittableRandom(1), 0).screen("Buy NOW and get free money!");

		assertThat(verdict.flagged()).isTrue();
		assertThat(verdict.status()).isEqualTo("flagged");
		assertThat(verdict.categories()).containsExactly("spam");
		assertThat(verdict.category()).isEqualTo("spam");
		assertThat(verdict.riskScore()).isBetween(80, 99);
		assertThat(verdict.reason()).isEqualTo("Contains \"buy now\" (spam)");
	}

	@Test
	void ranksTheMostSevereCategoryFirstAndScoresSeveralHigher() {
		ScreeningVerdict verdict = new ContentScreener(new SplittableRandom(1), 0).screen("Shut up, loser, or I will hurt you");

		assertThat(verdict.categories()).containsExactly("violence", "harassment");
		assertThat(verdict.riskScore()).isGreaterThanOrEqualTo(88);
		assertThat(verdict.severity()).isIn("medium", "high");
	}

	@Test
	void passesCleanContentWithALowScoreWhenTheModelNeverSuspects() {
		ContentScreener screener = new ContentScreener(new SplittableRandom(3), 0);
		for (int i = 0; i < 100; i++) {
			ScreeningVerdict verdict = screener.screen("See you at the lake on Sunday");
			assertThat(verdict.flagged()).isFalse();
			assertThat(verdict.status()).isEqualTo("passed");
			assertThat(verdict.riskScore()).isBetween(0, ScreeningVerdict.FLAG_THRESHOLD - 1);
			assertThat(verdict.categories()).isEmpty();
			assertThat(verdict.reason()).isNull();
		}
	}

	@Test
	void flagsCleanContentWithTheConfiguredProbability() {
		ScreeningVerdict verdict = new ContentScreener(new SplittableRandom(5), 1).screen("See you at the lake on Sunday");

		assertThat(verdict.flagged()).isTrue();
		assertThat(verdict.riskScore()).isBetween(ScreeningVerdict.FLAG_THRESHOLD, 89);
		assertThat(verdict.categories()).hasSize(1);
		assertThat(verdict.reason()).startsWith("Model suspects");
	}

}
