package io.pneumatic.sim.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.pneumatic.sim.demo.JobEvent.Commentary;
import io.pneumatic.sim.demo.JobEvent.Done;
import io.pneumatic.sim.demo.JobEvent.Failure;
import io.pneumatic.sim.demo.JobEvent.LogLine;
import io.pneumatic.sim.demo.JobEvent.PhaseComplete;
import io.pneumatic.sim.demo.JobEvent.PhaseUpdate;
import io.pneumatic.sim.demo.JobEvent.Status;
import io.pneumatic.sim.demo.JobEvent.Token;
import io.pneumatic.sim.demo.JobKind.Phase;

/**
 * Writes the script of a simulated job: {@code status running}, the kind's phases with progress,
 * logs, tokens and commentary, then {@code done}, or {@code error} and {@code done {status: failed}}.
 *
 * <p>Plain Java; deterministic for a given random generator. Not thread-safe (the generator is shared).
 */
final class JobScriptWriter {

	private static final String[] SENTENCES = {
			"The request asks for a summary of the quarterly incident reports.",
			"Most incidents were caused by configuration drift between regions.",
			"Rolling restarts resolved the majority within fifteen minutes.",
			"Two incidents exposed gaps in the alerting thresholds.",
			"I recommend tightening the latency alerts and adding a canary stage.",
			"The moderation backlog stayed below the agreed service level.",
			"Flagged items were mostly spam with a handful of policy violations.",
			"Overall the system behaved well under the seasonal traffic peak." };

	private static final String[] FAILURES = {
			"UPSTREAM_TIMEOUT:Model provider did not answer within 30s",
			"INVALID_INPUT:Input document could not be parsed",
			"QUOTA_EXCEEDED:Token quota of the tenant is exhausted",
			"STORAGE_UNAVAILABLE:Object store refused the write" };

	private final RandomGenerator random;

	private final int minTokensPerSecond;

	private final int maxTokensPerSecond;

	JobScriptWriter(RandomGenerator random, int minTokensPerSecond, int maxTokensPerSecond) {
		this.random = random;
		this.minTokensPerSecond = minTokensPerSecond;
		this.maxTokensPerSecond = maxTokensPerSecond;
	}

	/** Writes the script of one job; {@code fails} decides how it ends. */
	JobScript write(String jobId, JobKind kind, boolean fails) {
		Script script = new Script(kind);
		String firstPhase = kind.phases().getFirst().id();
		script.add(0, new Status("running", kind.wireName(), "Started " + kind.wireName().replace('_', ' ')));
		script.add(millis(50, 200), new LogLine("info", "Worker picked up job " + jobId, kind.component(), firstPhase));
		int failingPhase = fails ? this.random.nextInt(kind.phases().size()) : -1;
		for (int i = 0; i < kind.phases().size(); i++) {
			Phase phase = kind.phases().get(i);
			double failAt = (i == failingPhase) ? this.random.nextDouble(0.2, 0.8) : Double.NaN;
			boolean completed = switch (phase.work()) {
				case STEPS -> writeSteps(script, phase, failAt);
				case ITEMS -> writeItems(script, phase, failAt);
				case TOKENS -> writeTokens(script, phase, failAt);
				case COMMENTARY -> writeCommentary(script, phase, failAt);
			};
			if (completed && i == failingPhase) {
				completed = fail(script, phase);
			}
			if (!completed) {
				return new JobScript(jobId, kind, script.steps);
			}
			script.add(millis(50, 150), new PhaseComplete(phase.id(), "completed", "Phase " + phase.id() + " completed"));
		}
		script.add(millis(100, 300), new LogLine("info", "Job finished", kind.component(), kind.phases().getLast().id()));
		script.add(millis(50, 100), new Done(Done.SUCCEEDED));
		return new JobScript(jobId, kind, script.steps);
	}

	private boolean writeSteps(Script script, Phase phase, double failAt) {
		int total = this.random.nextInt(3, 6);
		for (int step = 1; step <= total; step++) {
			if (reached(failAt, step - 1, total)) {
				return fail(script, phase);
			}
			long delay = millis(400, 1200);
			script.add(delay, new LogLine("info", "Step " + step + "/" + total + ": " + sentence(), script.kind.component(), phase.id()));
			script.add(millis(20, 80), new PhaseUpdate(phase.id(), "running", "Step " + step + " of " + total,
					step, total, 0, Math.round((total - step) * delay / 1000.0)));
		}
		return true;
	}

	private boolean writeItems(Script script, Phase phase, double failAt) {
		long total = (script.kind == JobKind.BATCH_JOB) ? this.random.nextLong(500, 5000) : this.random.nextLong(50, 300);
		int chunks = this.random.nextInt(5, 12);
		long processed = 0;
		long errors = 0;
		script.add(millis(100, 300), new PhaseUpdate(phase.id(), "running", "Starting " + phase.id(), 0, total, 0, chunks));
		for (int chunk = 1; chunk <= chunks; chunk++) {
			if (reached(failAt, chunk - 1, chunks)) {
				return fail(script, phase);
			}
			long delay = millis(300, 900);
			processed = (chunk == chunks) ? total : processed + total / chunks;
			errors += (this.random.nextDouble() < 0.3) ? this.random.nextLong(1, 4) : 0;
			long etaSeconds = Math.round((chunks - chunk) * delay / 1000.0);
			script.add(delay, new PhaseUpdate(phase.id(), "running", "Processed " + processed + " of " + total,
					processed, total, errors, etaSeconds));
			if (chunk % 3 == 0) {
				String level = (errors > 0) ? "warn" : "info";
				script.add(millis(10, 50), new LogLine(level, phase.id() + ": " + processed + " processed, " + errors + " errors",
						script.kind.component(), phase.id()));
			}
		}
		return true;
	}

	private boolean writeTokens(Script script, Phase phase, double failAt) {
		List<String> words = words((script.kind == JobKind.LLM_AGENT) ? this.random.nextInt(40, 120) : this.random.nextInt(20, 40));
		int wordsPerSecond = this.random.nextInt(this.minTokensPerSecond, this.maxTokensPerSecond + 1);
		long delay = 1000L / wordsPerSecond;
		script.add(millis(100, 300), new PhaseUpdate(phase.id(), "running", "Generating", 0, words.size(), 0,
				words.size() / wordsPerSecond));
		for (int i = 0; i < words.size(); i++) {
			if (reached(failAt, i, words.size())) {
				return fail(script, phase);
			}
			script.add(delay, new Token((i == 0) ? words.get(i) : " " + words.get(i), script.nextTokenIndex++));
			if ((i + 1) % 10 == 0 || i + 1 == words.size()) {
				script.add(0, new PhaseUpdate(phase.id(), "running", "Generated " + (i + 1) + " tokens", i + 1,
						words.size(), 0, (words.size() - i - 1) / wordsPerSecond));
			}
		}
		return true;
	}

	private boolean writeCommentary(Script script, Phase phase, double failAt) {
		int total = this.random.nextInt(2, 4);
		for (int remark = 1; remark <= total; remark++) {
			if (reached(failAt, remark - 1, total)) {
				return fail(script, phase);
			}
			script.add(millis(500, 1500), new Commentary(sentence()));
			script.add(millis(20, 80), new PhaseUpdate(phase.id(), "running", "Reviewed " + remark + " of " + total,
					remark, total, 0, total - remark));
		}
		return true;
	}

	private boolean fail(Script script, Phase phase) {
		String[] failure = FAILURES[this.random.nextInt(FAILURES.length)].split(":", 2);
		script.add(millis(200, 600), new LogLine("error", failure[1], script.kind.component(), phase.id()));
		script.add(millis(20, 80), new PhaseComplete(phase.id(), "failed", failure[1]));
		script.add(millis(20, 80), new Failure(failure[1], failure[0]));
		script.add(millis(20, 80), new Done(Done.FAILED));
		return false;
	}

	private static boolean reached(double failAt, int done, int total) {
		return !Double.isNaN(failAt) && done >= failAt * total;
	}

	private List<String> words(int count) {
		List<String> words = new ArrayList<>(count);
		while (words.size() < count) {
			for (String word : sentence().split(" ")) {
				if (words.size() < count) {
					words.add(word);
				}
			}
		}
		return words;
	}

	private String sentence() {
		return SENTENCES[this.random.nextInt(SENTENCES.length)];
	}

	private long millis(int min, int max) {
		return this.random.nextLong(min, max + 1);
	}

	/** The steps written so far and the running token index. */
	private static final class Script {

		private final JobKind kind;

		private final List<ScriptStep> steps = new ArrayList<>();

		private long nextTokenIndex;

		Script(JobKind kind) {
			this.kind = kind;
		}

		void add(long delayMillis, JobEvent event) {
			this.steps.add(new ScriptStep(Duration.ofMillis(delayMillis), event));
		}

	}

}
