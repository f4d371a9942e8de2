package io.pneumatic.queue;

import java.time.Instant;

/**
 * An item handed to a worker under a lease.
 *
 * @param lease what the worker passes to heartbeat, complete and fail
 * @param lane the item's lane; nothing else of it is handed out until this claim ends
 * @param attempt 1 for the first claim, counting claims whose lease expired or that failed
 * @param leaseDeadline when the lease ends unless extended
 * @param enqueuedAt when the item was enqueued
 * @param params the item's opaque payload
 * @param details what the visualization shows of the item
 */
public record Claim(Lease lease, Lane lane, int attempt, Instant leaseDeadline, Instant enqueuedAt, String params,
		ItemDetails details) {

	/** The claimed item's id. */
	public String itemId() {
		return this.lease.itemId();
	}

}
