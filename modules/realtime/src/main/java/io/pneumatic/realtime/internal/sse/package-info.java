/**
 * Job streams as Server-Sent Events ({@code GET /api/v1/jobs/{id}/stream}) with the replay
 * guarantee of STOMP subscriptions: every event after {@code Last-Event-ID}, then live events, in
 * sequence order, each exactly once, {@code replay_truncated} where events are gone everywhere.
 *
 * <h2>Concurrency model</h2>
 * Each SSE client is served by its own request thread — a virtual thread, as every request of the
 * hub — which owns the client's {@link io.pneumatic.realtime.internal.replay.ReplayCursor} and does
 * all its writes. Catch-up reads go through the {@link io.pneumatic.realtime.EventLog} on the
 * event log's shared, multiplexed Redis connection. Live events come from
 * {@link io.pneumatic.realtime.internal.sse.BrokerJobFeed}: one STOMP connection per instance, one
 * broker subscription per watched job, its messages handed on Netty threads to every client of the
 * job by a non-blocking enqueue. No client holds a Redis connection, a broker connection or a
 * platform thread of its own.
 *
 * <h2>Lifecycle</h2>
 * A request checks access, resolves where the client resumes, registers with the feed (whose first
 * client of a job subscribes at the broker, with a receipt) and commits the response. Once the
 * broker confirms the subscription, the cursor replays from the event log and then delivers live
 * events; keepalive comments fill silences. The stream ends after {@code done}, when the client
 * falls {@code pneumatic.sse.buffer-size} events behind, when the broker connection drops, when the
 * hub stops (before the web server's graceful shutdown), or when a write fails because the client
 * left. The last client of a job ends its broker subscription.
 *
 * <h2>Invariants</h2>
 * The feed never blocks on a client and never drops an event silently: a client it cannot keep up
 * with is cut off and resumes by replay. The cursor writes sequence number {@code n} only right after
 * {@code n - 1} (duplicates dropped, gaps read from the log), and each event's SSE {@code id} is the
 * last sequence number the client has, so {@code Last-Event-ID} resumes exactly where it left off.
 */
@NullMarked
package io.pneumatic.realtime.internal.sse;

import org.jspecify.annotations.NullMarked;
