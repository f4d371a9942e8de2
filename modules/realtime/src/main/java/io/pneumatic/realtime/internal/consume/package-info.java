/**
 * Consumer-group readers: every {@link io.pneumatic.realtime.EventStreamConsumer} bean gets each job
 * event once per group, whatever the number of application instances, and each ops event too if it
 * {@linkplain io.pneumatic.realtime.EventStreamConsumer#consumesOpsEvents consumes ops events}.
 *
 * <h2>Concurrency model</h2>
 * <p>One reader per consumer group, each on its own virtual thread with its own dedicated Redis
 * connection: connections are the number of groups plus the shared one, whatever the number of jobs
 * or clients (plus one per group that consumes ops events: it reads the ops streams of {@code ops:streams} and
 * {@code ops:wakeup} the same way, and creates its group on each new ops stream itself). A job reader's loop is
 * {@code XREADGROUP GROUP <group> <instance-id> COUNT <batch> BLOCK <block> STREAMS events:wakeup
 * <job streams…> > …}, where the job streams are the jobs of {@code events:jobs} that are open, or
 * finished less than {@code pneumatic.retention.after-done} ago and not yet read to the end by the
 * group (lag 0 and nothing pending in {@code XINFO GROUPS}), re-read every key-refresh interval and
 * at once on a wake-up entry. Batches are handed over with {@code consumeAsync} on the reader thread;
 * a consumer with {@code batchesInFlight} above 1 (the broker relay, which waits for the broker's
 * RECEIPT) lets the reader read on while earlier batches are unconfirmed, so that an event does not wait
 * for the confirmation of the batch before it. A consumer with a {@code readInterval} (persistence)
 * reads at most that often unless a read filled a batch for some stream.
 *
 * <h2>Lifecycle</h2>
 * <p>Readers start with the context (after other lifecycle beans) and stop first on close: the current
 * read ends within {@code block}, the batches in flight finish and are acknowledged, then the connection
 * closes. A batch is acknowledged only once consumed, in the order handed over; finished batches are
 * acknowledged before each read. If one fails, the reader waits for the batches after it, backs off exponentially (up
 * to {@code max-backoff}) and re-reads its own pending entries before new ones. Every
 * {@code claim-interval} it claims entries pending longer than {@code claim-idle} on any consumer of the
 * group ({@code XAUTOCLAIM}): a dead instance's, or its own lost ones. On {@code NOGROUP} (a stream
 * expired or was deleted, or Redis lost everything) it re-reads the job list, re-creates its group where
 * a stream lacks it (from the stream's start) and leaves out streams that are gone. Redis being down
 * only makes it back off; failures are logged once per streak with their most specific cause.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Each event reaches one consumer of the group, and is acknowledged only after it was consumed;
 * after a failure or a claim it may come again (consumers are idempotent).
 * <li>Within one job, a batch holds events in sequence order.
 * <li>The loop never dies on an exception: only stopping ends it.
 * </ul>
 */
@NullMarked
package io.pneumatic.realtime.internal.consume;

import org.jspecify.annotations.NullMarked;
