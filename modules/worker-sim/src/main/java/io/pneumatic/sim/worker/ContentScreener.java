package io.pneumatic.sim.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated terms-of-service screening model: tell-tale phrases always flag content (so demos and
 * tests can provoke a violation); other content is flagged with {@code flag-probability}, as a model's
 * false positives and subtle cases would be.
 *
 * <p>Plain Java; deterministic for a given random generator. Not thread-safe (the generator is shared).
 */
final class ContentScreener {

	/** Categories and their tell-tale phrases (lower case), most severe category first. */
	private static final Map<String, Pattern> TELL_TALES = tellTales();

	private static final List<String> SUBTLE_CATEGORIES = List.of("spam", "harassment", "misinformation", "personal_data");

	private final RandomGenerator random;

	private final double flagProbability;

	ContentScreener(RandomGenerator random, double flagProbability) {
		this.random = random;
		this.flagProbability = flagProbability;
	}

	/** Screens one text. */
	ScreeningVerdict screen(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		List<String> categories = new ArrayList<>();
		String firstMatch = null;
		for (Map.Entry<String, Pattern> entry : TELL_TALES.entrySet()) {
			Matcher matcher = entry.getValue().matcher(lower);
			if (matcher.find()) {
				categories.add(entry.getKey());
				if (firstMatch == null) {
					firstMatch = matcher.group();
				}
			}
		}
		if (!categories.isEmpty()) {
			int score = Math.min(99, 80 + 8 * (categories.size() - 1) + this.random.nextInt(0, 10));
			return new ScreeningVerdict(true, score, categories,
					"Contains \"" + firstMatch + "\" (" + categories.getFirst().replace('_', ' ') + ")");
		}
		if (this.random.nextDouble() < this.flagProbability) {
			String category = SUBTLE_CATEGORIES.get(this.random.nextInt(SUBTLE_CATEGORIES.size()));
			int score = this.random.nextInt(ScreeningVerdict.FLAG_THRESHOLD, 90);
			return new ScreeningVerdict(true, score, List.of(category),
					"Model suspects " + category.replace('_', ' ') + " (no single phrase decides)");
		}
		return new ScreeningVerdict(false, this.random.nextInt(0, 35), List.of(), null);
	}

	private static Map<String, Pattern> tellTales() {
		Map<String, Pattern> tellTales = new LinkedHashMap<>();
		tellTales.put("violence", Pattern.compile("\\b(i will hurt you|kill you|beat you up)\\b"));
		tellTales.put("harassment", Pattern.compile("\\b(idiot|loser|nobody likes you|shut up)\\b"));
		tellTales.put("personal_data", Pattern.compile("\\b(\\d{4}[ -]?){3}\\d{4}\\b|\\bmy password is\\b"));
		tellTales.put("spam", Pattern.compile("\\b(buy now|free money|click here|crypto giveaway|limited offer)\\b"));
		return tellTales;
	}

}
