/**
 * Queue-load mode: the benchmark of the queue engine, enqueue → claim → complete, through its public
 * API ({@link io.pneumatic.queue.QueueEngine}) on the configured Redis.
 *
 * <h2>Concurrency model</h2>
 * {@link io.pneumatic.sim.queue.QueueLoadBenchmark} runs on the main thread, one step per lane count. In
 * a step, {@code producers} platform threads enqueue in batches of 100 while {@code workers} platform
 * threads loop on {@code completeAndClaim} (completing what they claimed in the previous call, claiming
 * up to {@code claim-batch} lanes). Workers share one multiplexed Redis connection, so their calls pipeline.
 * {@link io.pneumatic.sim.queue.LaneOrderAudit} and the latency recorder are lock-free.
 *
 * <h2>Invariants</h2>
 * A worker records a claim before it sends that item's completion, and a lane's next item can only be
 * claimed after that completion, so per lane the audit sees claims in the order Redis made them: a
 * smaller item id after a larger one, or a claim while the lane's previous item is not yet being
 * completed, is a violation of the engine's promises.
 */
@NullMarked
package io.pneumatic.sim.queue;

import org.jspecify.annotations.NullMarked;
