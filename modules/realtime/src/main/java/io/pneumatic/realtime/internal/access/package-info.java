/**
 * Access control of the STOMP endpoint: who a connection is, what it may send and subscribe to, how
 * much it may send, and how it learns that a frame was refused.
 *
 * <h2>Concurrency model</h2>
 * Frames of one session may arrive on several threads; {@link io.pneumatic.realtime.internal.access.ClientSession}
 * is thread-safe and its identity is replaced atomically by a token refresh. Token expiry timers run
 * on one virtual-thread scheduler. Shared rate limits are Bucket4j buckets in Redis (compare-and-swap),
 * the per-connection one is in memory.
 *
 * <h2>Lifecycle</h2>
 * A handshake may bring a token ({@code access_token}); CONNECT may bring its own
 * ({@code Authorization: Bearer}), which wins. The session is tracked from its CONNECT until
 * DISCONNECT or the WebSocket closing. When its token expires the client gets an ERROR with
 * {@code AUTH_EXPIRED} and the connection closes; {@code SEND /app/auth.refresh} with a fresh
 * token of the same user moves that deadline and re-checks every live subscription.
 *
 * <h2>Invariants</h2>
 * No frame reaches the broker relay or a replay cursor before this package let it through. A refused
 * frame is reported to its sender only: as a message on {@code /user/queue/errors} when the client
 * listens there (the connection lives on), else as an ERROR frame (the connection closes). Tokens and
 * frame contents never appear in logs or error messages.
 */
@NullMarked
package io.pneumatic.realtime.internal.access;

import org.jspecify.annotations.NullMarked;
