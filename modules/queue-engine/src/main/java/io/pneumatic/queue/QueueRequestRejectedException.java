package io.pneumatic.queue;

/**
 * A queue request the engine refused; nothing was changed.
 */
public class QueueRequestRejectedException extends RuntimeException {

	private final Reason reason;

	public QueueRequestRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/** Why the request was refused. */
	public Reason reason() {
		return this.reason;
	}

	/** Why a queue request was refused. */
	public enum Reason {

		/** The lane name is not valid, or names a lane clients may not choose. */
		INVALID_LANE,

		/** The client key is not 1 to 128 printable ASCII characters without spaces. */
		INVALID_CLIENT_KEY,

		/** The params are larger than {@code pneumatic.queue.max-params-bytes}. */
		PARAMS_TOO_LARGE,

		/** A detail (content type, author, sender, job id, preview) is too long. */
		INVALID_DETAILS,

		/** The worker id is not 1 to 128 printable ASCII characters without spaces. */
		INVALID_WORKER,

		/** Some other argument is out of range (a batch too large, a lease too short…). */
		BAD_REQUEST

	}

}
