package io.pneumatic.api.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;

/**
 * Job events for tests, with a fixed clock: event {@code seq} happens {@code seq} seconds after {@link #T0}.
 */
final class TestEvents {

	static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	private static final JsonMapper json = JsonMapper.builder().build();

	private TestEvents() {
	}

	/** A job id no other test uses. */
	static String newJobId() {
		return "test-" + UUID.randomUUID();
	}

	static EventEnvelope event(String jobId, long seq, String type, Map<String, ?> payload) {
		return new EventEnvelope(EventEnvelope.jobStream(jobId), seq, type, T0.plusSeconds(seq), payload(payload));
	}

	static JobEvent jobEvent(String jobId, long seq, String type, Map<String, ?> payload) {
		JobEvent event = JobEvent.of(event(jobId, seq, type, payload));
		if (event == null) {
			throw new IllegalArgumentException("not a job event");
		}
		return event;
	}

	static JsonNode payload(Map<String, ?> fields) {
		return json.valueToTree(fields);
	}

}
