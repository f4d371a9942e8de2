package io.pneumatic.sim.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

import io.pneumatic.realtime.EventTypes;

/**
 * Writes what one attempt at a queue item publishes: the moderation pipeline of a job.
 *
 * <ol>
 * <li>{@code status {status: running, job_type, lane, owner, item_id, attempt, message}}</li>
 * <li>{@code tos_screening {status: screening, message}}, then the verdict
 * {@code tos_screening {status: passed|flagged, risk_score, categories, message}}</li>
 * <li>flagged: {@code tos_violation {reason, category, severity, risk_score}}; passed: in-character
 * commentary streamed as {@code token {text, index}} events, then {@code commentary {persona, text}} with
 * the whole text</li>
 * <li>{@code done {status: succeeded, verdict: passed|flagged}}</li>
 * </ol>
 * A transiently failing attempt stops after a random prefix of these with
 * {@code log {level: warn, message, component, phase}} and no {@code done}. An item that breaks the
 * contract gets {@code status}, {@code error {message, code: INVALID_ITEM}} and
 * {@code done {status: failed, error}}.
 *
 * <p>Plain Java; deterministic for a given random generator. Not thread-safe (the generator is shared).
 */
final class ModerationScriptWriter {

	/** The {@code done} status of a job that ran to its end (flagged or not). */
	static final String SUCCEEDED = "succeeded";

	/** The {@code done} status of a job that failed for good. */
	static final String FAILED = "failed";

	/** The {@code error} code of a job whose item was dead-lettered. */
	static final String DEAD_LETTERED = "DEAD_LETTERED";

	private static final String COMPONENT = "moderator";

	private static final String[] TRANSIENT_ERRORS = {
			"screening model timed out after 30s",
			"moderation service answered 503 Service Unavailable",
			"connection to the content store was reset",
			"rate limited by the screening model provider" };

	private final RandomGenerator random;

	private final int minTokensPerSecond;

	private final int maxTokensPerSecond;

	ModerationScriptWriter(RandomGenerator random, int minTokensPerSecond, int maxTokensPerSecond) {
		this.random = random;
		this.minTokensPerSecond = minTokensPerSecond;
		this.maxTokensPerSecond = maxTokensPerSecond;
	}

	/** Writes a whole attempt; {@code failsTransiently} decides whether it breaks off to be retried. */
	ModerationScript write(WorkItem item, ScreeningVerdict verdict, boolean failsTransiently) {
		if (item.isInvalid()) {
			return invalid(item);
		}
		List<WorkStep> steps = new ArrayList<>();
		steps.add(running(item));
		steps.add(WorkStep.of(millis(100, 300), "tos_screening", "status", "screening", "message",
				"Screening " + item.contentType() + " " + item.itemId() + by(item.author())));
		steps.add(WorkStep.of(millis(400, 1200), "tos_screening", "status", verdict.status(), "risk_score",
				verdict.riskScore(), "categories", verdict.categories(), "message",
				verdict.flagged() ? "Flagged: " + verdict.reason() : "Passed with risk score " + verdict.riskScore()));
		if (verdict.flagged()) {
			steps.add(WorkStep.of(millis(100, 300), "tos_violation", "reason", verdict.reason(), "category",
					verdict.category(), "severity", verdict.severity(), "risk_score", verdict.riskScore()));
		}
		else {
			Persona persona = Persona.of(item.contentType());
			String commentary = persona.remark(item, this.random);
			int wordsPerSecond = this.random.nextInt(this.minTokensPerSecond, this.maxTokensPerSecond + 1);
			String[] words = commentary.split(" ");
			for (int i = 0; i < words.length; i++) {
				steps.add(WorkStep.of(1000L / wordsPerSecond, "token", "text", (i == 0) ? words[i] : " " + words[i],
						"index", (long) i));
			}
			steps.add(WorkStep.of(millis(50, 150), "commentary", "persona", persona.displayName(), "text", commentary));
		}
		if (failsTransiently) {
			String error = TRANSIENT_ERRORS[this.random.nextInt(TRANSIENT_ERRORS.length)];
			List<WorkStep> prefix = new ArrayList<>(steps.subList(0, this.random.nextInt(1, steps.size() + 1)));
			prefix.add(WorkStep.of(millis(100, 400), "log", "level", "warn", "message",
					"Attempt " + item.attempt() + " failed: " + error + "; the queue will retry it", "component", COMPONENT,
					"phase", "screening"));
			return new ModerationScript(prefix, error);
		}
		steps.add(WorkStep.of(millis(50, 150), EventTypes.DONE, "status", SUCCEEDED, "verdict", verdict.status()));
		return new ModerationScript(steps, null);
	}

	/** The end of a job whose item the queue engine dead-lettered after its last failed attempt. */
	static List<WorkStep> deadLettered(String error) {
		String message = "Gave up after the last attempt: " + error;
		return List.of(WorkStep.of(0, "error", "message", message, "code", DEAD_LETTERED),
				WorkStep.of(0, EventTypes.DONE, "status", FAILED, "error", message));
	}

	private static ModerationScript invalid(WorkItem item) {
		String message = "Item " + item.itemId() + " breaks the item contract: " + item.problem();
		return new ModerationScript(List.of(running(item),
				WorkStep.of(0, "error", "message", message, "code", WorkItem.INVALID_ITEM),
				WorkStep.of(0, EventTypes.DONE, "status", FAILED, "error", message)), null);
	}

	private static WorkStep running(WorkItem item) {
		return WorkStep.of(0, "status", "status", "running", "job_type", item.contentType(), "lane", item.lane(), "owner",
				item.author(), "item_id", item.itemId(), "attempt", item.attempt(), "message",
				"Moderating " + item.contentType() + " " + item.itemId() + " (attempt " + item.attempt() + ")");
	}

	private static String by(@Nullable String author) {
		return (author != null) ? " by " + author : "";
	}

	private long millis(int min, int max) {
		return this.random.nextLong(min, max + 1);
	}

}
