package io.pneumatic.sim.worker;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link ModerationScript}: wait {@code delay}, then publish an event.
 *
 * @param delay how long to wait after the previous step (before the time scale applies)
 * @param type the event type
 * @param payload the payload, field names as on the wire, no {@code null} values
 */
record WorkStep(Duration delay, String type, Map<String, Object> payload) {

	WorkStep {
		payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
	}

	/** A step with the given payload fields (name, value, name, value…); {@code null} values are left out. */
	static WorkStep of(long delayMillis, String type, @Nullable Object... namesAndValues) {
		Map<String, Object> payload = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				payload.put((String) namesAndValues[i], namesAndValues[i + 1]);
			}
		}
		return new WorkStep(Duration.ofMillis(delayMillis), type, payload);
	}

}
