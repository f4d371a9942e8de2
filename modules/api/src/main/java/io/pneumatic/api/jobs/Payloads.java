package io.pneumatic.api.jobs;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads optional fields of an event payload; a missing or {@code null} field reads as {@code null}.
 */
final class Payloads {

	private Payloads() {
	}

	static @Nullable String text(JsonNode payload, String field) {
		JsonNode value = payload.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/** A number, rounded to a whole one; text that is no number reads as {@code null}. */
	static @Nullable Long number(JsonNode payload, String field) {
		JsonNode value = payload.get(field);
		if (value == null || !value.isNumber()) {
			return null;
		}
		return value.isIntegralNumber() ? value.asLong() : Math.round(value.asDouble());
	}

}
