package io.pneumatic.sim.demo;

import java.util.List;

/**
 * Everything a simulated job will publish, in order, with the pauses in between.
 *
 * @param jobId the job id, {@code sim-<short random>}
 * @param kind the kind of job
 * @param steps the steps, ending with {@code done}
 */
record JobScript(String jobId, JobKind kind, List<ScriptStep> steps) {

	JobScript {
		steps = List.copyOf(steps);
	}

	/** Whether the job ends with {@code done {status: failed}}. */
	boolean fails() {
		return this.steps.getLast().event() instanceof JobEvent.Done(String status) && JobEvent.Done.FAILED.equals(status);
	}

}
