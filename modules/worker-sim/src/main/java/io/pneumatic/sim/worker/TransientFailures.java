package io.pneumatic.sim.worker;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which attempts fail transiently (the item is reported failed and the queue retries it).
 */
@FunctionalInterface
interface TransientFailures {

	/** Whether this attempt at the item fails. Called on the worker's thread. */
	boolean failsAttempt(WorkItem item);

	/** Each attempt fails with the given probability. */
	static TransientFailures withProbability(double probability) {
		return (item) -> ThreadLocalRandom.current().nextDouble() < probability;
	}

}
