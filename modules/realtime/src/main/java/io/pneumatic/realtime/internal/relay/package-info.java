/**
 * Moves every job and ops event from the event log to the STOMP broker, once, whatever the number of app
 * instances: job events to {@code /topic/jobs.{jobId}}, ops events to {@code /topic/ops.{cluster}.{namespace}.{type}}.
 *
 * <h2>Concurrency model</h2>
 * {@link io.pneumatic.realtime.internal.relay.BrokerRelay} is an
 * {@link io.pneumatic.realtime.EventStreamConsumer} of group {@code relay}: the consumer-group
 * reader calls it from one virtual thread per instance, one batch at a time. Each event is sent on
 * the relay's own STOMP connection (one for job batches, one for ops batches, which come from a reader
 * thread of their own); the last of a batch carries a {@code receipt} header, and since
 * the broker handles a connection's frames in order, its RECEIPT confirms the whole batch. The
 * RECEIPT arrives on a Netty thread and completes the future the reader thread waits on.
 *
 * <h2>Lifecycle</h2>
 * The broker connection is opened lazily on the first batch and re-opened after it drops; while the
 * broker is unreachable batches fail and stay pending in Redis, and the reader retries them with
 * back-off.
 *
 * <h2>Invariants</h2>
 * A batch is acknowledged in Redis only after the broker confirmed all of it.
 * Events may reach the broker twice (a lost receipt, a reclaimed batch of a dead instance) or out of
 * order across instances; the per-subscription cursors in {@code internal.replay} drop duplicates
 * and fill gaps, so clients still see each event once, in order. Ops events have no such cursors: after
 * such a failure a subscriber may see an ops event twice.
 */
@NullMarked
package io.pneumatic.realtime.internal.relay;

import org.jspecify.annotations.NullMarked;
