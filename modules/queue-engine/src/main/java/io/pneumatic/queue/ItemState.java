package io.pneumatic.queue;

/**
 * Where an item stands.
 */
public enum ItemState {

	/** In its lane, waiting for a worker. */
	WAITING,

	/** Claimed by a worker, under a lease. */
	IN_FLIGHT,

	/** In the dead-letter list after its last attempt failed. */
	DEAD_LETTERED,

	/** Completed or discarded: the engine no longer holds it. */
	FINISHED

}
