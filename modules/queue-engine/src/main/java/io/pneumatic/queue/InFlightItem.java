package io.pneumatic.queue;

import java.time.Instant;

/**
 * The item of a lane that a worker holds.
 *
 * @param itemId the item
 * @param workerId the worker that claimed it
 * @param claimedAt when it was claimed
 * @param leaseDeadline when the lease ends unless extended
 */
public record InFlightItem(String itemId, String workerId, Instant claimedAt, Instant leaseDeadline) {
}
