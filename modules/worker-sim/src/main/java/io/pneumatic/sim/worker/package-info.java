/**
 * Queue workers: claim items from the queue engine and process each as a moderation job whose events
 * stream live on {@code jobs:{jobId}:events} ({@code /topic/jobs.{jobId}}); in demo mode also a feeder
 * of sample topics, posts and messages. The item contract and the events are documented on
 * {@link io.pneumatic.sim.worker.WorkItem} and {@link io.pneumatic.sim.worker.ModerationScriptWriter}
 * and in docs/queues.md ("Reference worker: worker-sim").
 *
 * <h2>Concurrency model</h2>
 * {@link io.pneumatic.sim.worker.QueueWorkers} runs {@code workers} {@link io.pneumatic.sim.worker.QueueWorker}s,
 * each on its own virtual thread, each holding at most one item at a time: claim one item, play its
 * script (pauses, events), then complete it together with the next claim ({@code completeAndClaim},
 * one round trip) or report it failed. Heartbeats happen on the same thread, inside the pauses
 * ({@link io.pneumatic.sim.worker.LeaseKeeper}, every third of the remaining lease). A worker that
 * claims nothing sleeps {@code poll-interval}; after a Redis error it backs off up to 5 s. The feeder
 * has a virtual thread of its own. Every worker has its own random generator; nothing else is shared
 * but the thread-safe {@code QueueEngine} and {@code EventPublisher}.
 *
 * <h2>Lifecycle</h2>
 * Workers and feeder start and stop with the application context. Stopping interrupts them: a worker in
 * the middle of an item reports the attempt failed ({@code worker … stopped}) so the item is retried
 * after the backoff; one with a finished item completes it first.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>An item is completed only after its job's {@code done} was published (or refused because the job
 * had already ended: a redelivered item of a finished job is completed without new events).</li>
 * <li>Once a heartbeat finds the lease lost, the worker publishes nothing more for that item (another
 * worker owns it) and neither completes nor fails it.</li>
 * <li>A transiently failed attempt publishes no {@code done}: the job stays open for the retry, which
 * publishes {@code status running} with the next {@code attempt}. Only when the queue engine
 * dead-letters the item does the worker end the job with {@code error} and {@code done {status: failed}}.</li>
 * </ul>
 */
@NullMarked
package io.pneumatic.sim.worker;

import org.jspecify.annotations.NullMarked;
