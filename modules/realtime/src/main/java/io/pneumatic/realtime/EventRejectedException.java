package io.pneumatic.realtime;

/**
 * An event the log refused; nothing of it was written.
 */
public class EventRejectedException extends RuntimeException {

	private final Reason reason;

	public EventRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/** Why the event was refused. */
	public Reason reason() {
		return this.reason;
	}

	/** Why an event was refused. */
	public enum Reason {

		/** The job id is not 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
		INVALID_JOB_ID,

		/** An ops cluster or namespace is not 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
		INVALID_STREAM,

		/** The type is not an event type of the stream's kind (job or ops). */
		UNKNOWN_TYPE,

		/** The payload is not a JSON object. */
		INVALID_PAYLOAD,

		/** The payload lacks a field its type requires. */
		MISSING_FIELD,

		/** The payload is larger than the configured limit. */
		PAYLOAD_TOO_LARGE,

		/** The job already ended with {@code done}. */
		JOB_FINISHED,

		/** The hub is restoring sequence numbers after a Redis restart; retry shortly. */
		NOT_READY

	}

}
