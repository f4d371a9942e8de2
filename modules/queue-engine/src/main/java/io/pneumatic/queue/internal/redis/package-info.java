/**
 * The queue engine on Redis: the function library {@code pneumatic_queue} (source
 * {@code queue-library.lua}, rendered from {@code pneumatic.queue.*} by
 * {@link io.pneumatic.queue.internal.redis.QueueFunctionLibrary}), the engine that calls it, the
 * sweeper, the metrics and their auto-configuration.
 *
 * <h2>Concurrency model</h2>
 * <p>Every queue operation is one call of a Redis function, which Redis runs atomically: engines in
 * any number of app instances, and workers in any language calling the functions directly, never race
 * on a read-modify-write. Java code shares one multiplexed Lettuce connection
 * ({@link io.pneumatic.queue.internal.redis.QueueConnections}); concurrent calls pipeline on it.
 * {@code RedisQueueEngine} is stateless apart from its "library loaded" flag and thread-safe;
 * {@code QueueSweeper} runs on one virtual thread per app instance.
 *
 * <h2>Lifecycle</h2>
 * <p>The engine loads the library on first use unless Redis holds the same version (a digest of the
 * rendered source), and again whenever a call answers {@code Function not found}. All state is in
 * Redis: an app restart changes nothing, and a lease held by a worker of a stopped instance simply
 * expires. Redis persistence (RDB/AOF) keeps both the data and the library.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A lane with items is in exactly one of {@code queue:ready} (nothing in flight; claimable from its
 * score on) and {@code queue:leased} (its head is in flight until its score).
 * <li>The in-flight item of a lane is its head; an item is in flight exactly when its hash has a
 * {@code tok}. Only that token, before that deadline, may heartbeat, complete or fail it.
 * <li>Lease tokens come from one counter and are never handed out twice.
 * <li>A lane without items has no list key; it stays in {@code queue:lanes} and {@code queue:idle} for
 * the idle TTL, then no key mentions it.
 * </ul>
 */
@NullMarked
package io.pneumatic.queue.internal.redis;

import org.jspecify.annotations.NullMarked;
