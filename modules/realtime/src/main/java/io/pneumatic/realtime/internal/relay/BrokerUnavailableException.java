package io.pneumatic.realtime.internal.relay;

/**
 * The broker could not be reached or did not confirm a message; the batch stays pending and is
 * retried.
 */
class BrokerUnavailableException extends RuntimeException {

	BrokerUnavailableException(String message) {
		super(message);
	}

}
