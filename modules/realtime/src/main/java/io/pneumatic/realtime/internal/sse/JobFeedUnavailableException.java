package io.pneumatic.realtime.internal.sse;

/**
 * The live feed cannot serve a new stream now (broker unreachable, hub stopping); answered with 503.
 */
class JobFeedUnavailableException extends RuntimeException {

	JobFeedUnavailableException(String message) {
		super(message);
	}

}
