/**
 * {@code /topic/system}: the hub's health, its instances and the GPU stats of the ops clusters, every
 * {@code pneumatic.system.interval}.
 *
 * <h2>Concurrency model</h2>
 * <p>{@link io.pneumatic.realtime.internal.system.SystemStatusFeed} ticks on one virtual thread per
 * instance. Every instance writes its own health to {@code system:instances} each tick; only the holder
 * of the {@link io.pneumatic.realtime.ProducerLease} {@code system:status:producer} reads every instance's
 * health and the GPU hashes ({@code ops:{<cluster>}:gpu}, written atomically by the ops publish function),
 * and sends one {@code system_status} message to the broker, which fans it out.
 *
 * <h2>Lifecycle</h2>
 * <p>Starts and stops with the context. A failed tick is logged and the next one tries again; an
 * instance that stops writing drops out of the message after three intervals, and if it held the lease,
 * another instance takes over within three intervals.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>At most one instance produces at a time (two briefly during a lease hand-over at worst).
 * <li>{@code seq} of {@code system_status} grows by one per message, across producers ({@code INCR}).
 * </ul>
 */
@NullMarked
package io.pneumatic.realtime.internal.system;

import org.jspecify.annotations.NullMarked;
