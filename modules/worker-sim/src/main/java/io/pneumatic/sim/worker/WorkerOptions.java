package io.pneumatic.sim.worker;

import java.time.Duration;

import io.pneumatic.sim.SimSettings;

/**
 * How the queue workers behave.
 *
 * @param workers how many workers run
 * @param pollInterval how long an idle worker waits before it claims again
 * @param failures which attempts fail transiently
 * @param flagProbability the chance that screening flags content without tell-tale phrases
 * @param timeScale the factor on every pause between events
 * @param minTokensPerSecond the slowest commentary streaming, in words per second
 * @param maxTokensPerSecond the fastest commentary streaming, in words per second
 */
record WorkerOptions(int workers, Duration pollInterval, TransientFailures failures, double flagProbability,
		double timeScale, int minTokensPerSecond, int maxTokensPerSecond) {

	/** The options of the configuration: {@code pneumatic.sim.queue.*}, token rates of {@code pneumatic.sim.demo.*}. */
	static WorkerOptions of(SimSettings settings) {
		SimSettings.Queue queue = settings.queue();
		return new WorkerOptions(queue.workers(), queue.pollInterval(),
				TransientFailures.withProbability(queue.failureProbability()), queue.flagProbability(), queue.timeScale(),
				settings.demo().minTokensPerSecond(), settings.demo().maxTokensPerSecond());
	}

	/** The same options with other transient failures. */
	WorkerOptions withFailures(TransientFailures newFailures) {
		return new WorkerOptions(this.workers, this.pollInterval, newFailures, this.flagProbability, this.timeScale,
				this.minTokensPerSecond, this.maxTokensPerSecond);
	}

}
