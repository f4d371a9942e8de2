package io.pneumatic.queue;

/**
 * What became of an item whose worker reported a failure.
 */
public enum FailOutcome {

	/** It stays first in its lane and is handed out again after the retry backoff. */
	RETRY_SCHEDULED,

	/** That was its last attempt: it moved to the dead-letter list and its lane goes on with the next item. */
	DEAD_LETTERED,

	/** The lease was no longer held (expired, or the item was handed out anew): nothing changed. */
	LEASE_LOST

}
