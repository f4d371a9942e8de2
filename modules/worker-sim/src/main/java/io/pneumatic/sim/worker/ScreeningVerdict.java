package io.pneumatic.sim.worker;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What terms-of-service screening found in an item's content.
 *
 * @param flagged whether the content violates the terms of service
 * @param riskScore 0 (harmless) to 100
 * @param categories the violated categories, most severe first; empty when it passed
 * @param reason why it was flagged, for people; {@code null} when it passed
 */
record ScreeningVerdict(boolean flagged, int riskScore, List<String> categories, @Nullable String reason) {

	/** The score from which content is flagged. */
	static final int FLAG_THRESHOLD = 70;

	ScreeningVerdict {
		categories = List.copyOf(categories);
	}

	/** {@code passed} or {@code flagged}, the {@code status} of the verdict's {@code tos_screening} event. */
	String status() {
		return this.flagged ? "flagged" : "passed";
	}

	/** The main violated category; {@code null} when it passed. */
	@Nullable String category() {
		return this.categories.isEmpty() ? null : this.categories.getFirst();
	}

	/** {@code high} from 90, {@code medium} from 80, else {@code low}. */
	String severity() {
		return (this.riskScore >= 90) ? "high" : (this.riskScore >= 80) ? "medium" : "low";
	}

}
