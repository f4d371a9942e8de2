package io.pneumatic.queue;

/**
 * The right to finish one claim of an item: valid until its deadline (extended by heartbeats), and
 * never again once the item was handed out anew.
 *
 * @param itemId the claimed item
 * @param token the fencing token of this claim: unique per claim, never reused; not a secret
 */
public record Lease(String itemId, String token) {
}
