package io.pneumatic.sim.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One job event of a simulated job, with its wire type and payload (field names as on the wire).
 */
sealed interface JobEvent {

	/** The event type, lower snake case. */
	String type();

	/** The payload, with the field names of the wire contract. */
	Map<String, Object> payload();

	/** {@code status}: the job's overall status. */
	record Status(String status, String jobType, String message) implements JobEvent {

		@Override
		public String type() {
			return "status";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("status", this.status, "job_type", this.jobType, "message", this.message);
		}

	}

	/** {@code phase_update}: progress of one phase. */
	record PhaseUpdate(String phaseId, String status, String message, long processedCount, long totalCount,
			long errorCount, long etaSeconds) implements JobEvent {

		@Override
		public String type() {
			return "phase_update";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("phase_id", this.phaseId, "status", this.status, "message", this.message,
					"processed_count", this.processedCount, "total_count", this.totalCount,
					"error_count", this.errorCount, "eta_seconds", this.etaSeconds);
		}

	}

	/** {@code phase_complete}: a phase finished. */
	record PhaseComplete(String phaseId, String status, String message) implements JobEvent {

		@Override
		public String type() {
			return "phase_complete";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("phase_id", this.phaseId, "status", this.status, "message", this.message);
		}

	}

	/** {@code log}: a log line of the worker. */
	record LogLine(String level, String message, String component, String phase) implements JobEvent {

		@Override
		public String type() {
			return "log";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("level", this.level, "message", this.message, "component", this.component, "phase", this.phase);
		}

	}

	/** {@code token}: one streamed piece of LLM output. */
	record Token(String text, long index) implements JobEvent {

		@Override
		public String type() {
			return "token";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("text", this.text, "index", this.index);
		}

	}

	/** {@code commentary}: a remark of the agent about its work. */
	record Commentary(String text) implements JobEvent {

		@Override
		public String type() {
			return "commentary";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("text", this.text);
		}

	}

	/** {@code error}: the job failed. */
	record Failure(String message, String code) implements JobEvent {

		@Override
		public String type() {
			return "error";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("message", this.message, "code", this.code);
		}

	}

	/** {@code done}: the terminal event, {@code succeeded} or {@code failed}. */
	record Done(String status) implements JobEvent {

		/** The status of a job that succeeded. */
		static final String SUCCEEDED = "succeeded";

		/** The status of a job that failed. */
		static final String FAILED = "failed";

		@Override
		public String type() {
			return "done";
		}

		@Override
		public Map<String, Object> payload() {
			return fields("status", this.status);
		}

	}

	private static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

}
