package io.pneumatic.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * FIFO lanes that feed the workers: items of one lane are handed out one at a time, in order, under
 * a lease; lanes run in parallel.
 *
 * <p>A worker claims the heads of lanes with nothing in flight, the lane waiting longest first. While
 * an item is in flight nothing else of its lane is handed out. Completing it opens the lane for the
 * next item. A lease that expires (crashed or stuck worker) hands the same item out again, still first
 * in its lane, with a new lease token; the old one can then neither complete, fail nor extend it. A
 * failed attempt is retried after an exponential backoff, and after {@code pneumatic.queue.max-attempts}
 * claims the item moves to the dead-letter list and its lane goes on.
 *
 * <p>All state lives in Redis and every operation is one atomic Redis function call, so any number of
 * engine instances and workers (in any language, see docs/queues.md) share the lanes. Thread-safe.
 */
public interface QueueEngine {

	/**
	 * Enqueues one item at the tail of its lane.
	 * @throws QueueRequestRejectedException if the request is invalid; nothing was enqueued then
	 */
	Enqueued enqueue(EnqueueRequest request);

	/**
	 * Enqueues up to 100 items in one atomic step, in order; all or none.
	 * @throws QueueRequestRejectedException if one of the requests is invalid; nothing was enqueued then
	 */
	List<Enqueued> enqueueAll(List<EnqueueRequest> requests);

	/**
	 * Claims the heads of up to {@code max} lanes with nothing in flight, the longest waiting first,
	 * under the default lease ({@code pneumatic.queue.lease}). Returns at once, possibly with nothing.
	 * @param workerId who claims, shown in snapshots: 1 to 128 printable ASCII characters without spaces
	 * @param max 1 to 100
	 */
	List<Claim> claim(String workerId, int max);

	/**
	 * Claims like {@link #claim(String, int)}, under a lease of {@code leaseDuration} (10 ms to 12 h)
	 * instead of the default, as SQS takes a visibility timeout per receive.
	 */
	List<Claim> claim(String workerId, int max, Duration leaseDuration);

	/**
	 * Completes the given leases, then claims like {@link #claim(String, int)}, in one round trip.
	 * @param completed leases to complete first (up to 100)
	 */
	ClaimBatch completeAndClaim(String workerId, List<Lease> completed, int max);

	/**
	 * Extends a lease to the default lease duration from now.
	 * @return the new deadline, or empty if the lease is no longer held
	 */
	Optional<Instant> heartbeat(Lease lease);

	/**
	 * Extends a lease to {@code leaseDuration} from now (10 ms to 12 h).
	 * @return the new deadline, or empty if the lease is no longer held
	 */
	Optional<Instant> heartbeat(Lease lease, Duration leaseDuration);

	/**
	 * Completes a claimed item: it leaves its lane, which opens for the next item.
	 * @return {@code false} if the lease is no longer held; nothing changed then
	 */
	boolean complete(Lease lease);

	/**
	 * Reports a failed attempt: the item is retried after a backoff, or dead-lettered after its last attempt.
	 * @param error why it failed, kept with the item (cut to 2048 bytes)
	 */
	FailOutcome fail(Lease lease, String error);

	/**
	 * A page of the dead-letter list, oldest first.
	 * @param offset how many to skip
	 * @param limit 1 to 100
	 */
	DeadLetters deadLetters(int offset, int limit);

	/**
	 * Puts a dead-lettered item back at the tail of its lane with its attempts reset (as SQS re-drives).
	 * @return {@code false} if no dead letter has that id
	 */
	boolean redrive(String itemId);

	/**
	 * Deletes a dead-lettered item for good.
	 * @return {@code false} if no dead letter has that id
	 */
	boolean discard(String itemId);

	/**
	 * Every lane with its exact length, its in-flight item and its first items (at most
	 * {@code pneumatic.queue.snapshot-items-per-lane}). Meant to be taken every few seconds by one app
	 * instance: with 10,000 lanes it reads them in some 40 Redis calls of a few milliseconds each.
	 */
	QueueSnapshot snapshot();

}
