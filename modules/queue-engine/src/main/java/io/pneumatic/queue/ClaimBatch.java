package io.pneumatic.queue;

import java.util.List;

/**
 * What {@link QueueEngine#completeAndClaim} did: the completions it refused and the new claims.
 *
 * @param lostLeases the leases given to complete that were no longer held (expired or stale):
 *     their items were not completed
 * @param claims the items claimed, the longest-waiting lanes first
 */
public record ClaimBatch(List<Lease> lostLeases, List<Claim> claims) {

	public ClaimBatch {
		lostLeases = List.copyOf(lostLeases);
		claims = List.copyOf(claims);
	}

}
