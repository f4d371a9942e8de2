package io.pneumatic.sim.worker;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one attempt at an item publishes, in order, and how the attempt ends.
 *
 * @param steps the events with the pauses before them
 * @param transientError {@code null} when the attempt succeeds (its last step is {@code done}); else the
 *     error the worker reports to the queue engine after the last step, so that the item is retried
 */
record ModerationScript(List<WorkStep> steps, @Nullable String transientError) {

	ModerationScript {
		steps = List.copyOf(steps);
	}

	/** Whether the attempt fails and the item is to be retried. */
	boolean failsTransiently() {
		return this.transientError != null;
	}

}
