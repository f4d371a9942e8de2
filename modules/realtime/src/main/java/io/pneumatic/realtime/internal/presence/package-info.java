/**
 * Presence per channel and channel events, on Redis: who is online in a channel (entities of type
 * {@code user}, {@code agent}, {@code service}, each online while one of its connections holds a lease),
 * and the ordered events of {@code presence.{channel}} and {@code channels.{channel}} streams. See
 * docs/presence.md for the Redis keys and the exact commands workers use.
 *
 * <h2>Concurrency model</h2>
 * Every decision is taken inside Redis by one function of the {@code presence} library
 * ({@code presence-library.lua}), atomically: whether a connection's announce is a join, whether a
 * leave or an expiry takes its entity offline, the next seq of a stream. Each function appends its
 * events to the stream {@code presence:events}. In the hub, {@link io.pneumatic.realtime.internal.presence.PresenceSessions}
 * tracks this instance's STOMP sessions and renews their leases from one virtual-thread timer;
 * {@link io.pneumatic.realtime.internal.presence.PresenceSweeper} runs on every instance; and
 * {@link io.pneumatic.realtime.internal.presence.ChannelEventRelay} runs one reader thread (with one
 * dedicated Redis connection) per instance, of which only the lease holder relays.
 *
 * <h2>Lifecycle</h2>
 * The library is loaded at start and again whenever Redis reports it missing. Leases are renewed every
 * third of {@code pneumatic.presence.lease}; an instance or worker that stops renewing (it died) has its
 * connections removed by whichever instance sweeps first after the lease ran out. The relay lease passes
 * to another instance within {@code pneumatic.presence.relay-lease} when its holder dies.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Each join and leave of an entity is appended once: the first connection's announce joins, and the
 * {@code ZREM} that removes its last connection (by leave or by a sweep, on whichever instance) leaves.</li>
 * <li>Within a stream, seq grows by one per event, in the order of {@code presence:events}, and the relay
 * sends events to the broker in that order from one thread.</li>
 * <li>After a relay failover, events may reach the broker again with the same seq: clients drop a seq
 * they have seen.</li>
 * </ul>
 */
@NullMarked
package io.pneumatic.realtime.internal.presence;

import org.jspecify.annotations.NullMarked;
