/**
 * Per-subscription delivery of job streams: replay after {@code last-seq}, then live events, in
 * sequence order, each exactly once, with no logic needed in the client. The
 * {@link io.pneumatic.realtime.internal.replay.ReplayCursor} holds that logic for STOMP
 * subscriptions (here) and SSE clients ({@code internal.sse}) alike.
 *
 * <h2>Concurrency model</h2>
 * Every STOMP session that subscribes to a job stream gets a {@link
 * io.pneumatic.realtime.internal.replay.SessionLane}: a queue of tasks drained by one virtual
 * thread at a time. Everything that touches the session's {@link
 * io.pneumatic.realtime.internal.replay.ReplayCursor}s runs there: subscribing, the broker's
 * confirmation of the subscription, live messages from the broker, replay reads from the event log
 * and the writes to the WebSocket session. The channel interceptors only enqueue, so the relay's
 * Netty threads never block on Redis or on a slow client.
 *
 * <h2>Lifecycle</h2>
 * SUBSCRIBE to {@code /topic/jobs.{jobId}} creates a cursor and adds a {@code receipt} header (unless
 * the client set one). Live messages are held until the broker's RECEIPT proves the subscription is
 * active; then the cursor replays from the event log (Redis, then PostgreSQL) everything after
 * {@code last-seq} — or, without the header, starts at the stream's head — and releases the held
 * messages. UNSUBSCRIBE, DISCONNECT and a closed session drop the cursor or the whole lane.
 *
 * <h2>Invariants</h2>
 * A cursor delivers sequence number {@code n} only right after {@code n - 1}: older messages
 * (duplicates from a lost receipt or a reclaimed batch) are dropped; a message beyond the next
 * expected number first makes the cursor read the missing range from the event log (events are in
 * Redis before the relay sends them). Where events are gone everywhere, a {@code replay_truncated}
 * control event names the range.
 */
@NullMarked
package io.pneumatic.realtime.internal.replay;

import org.jspecify.annotations.NullMarked;
