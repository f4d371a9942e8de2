/**
 * Delivery to STOMP clients: what a slow, silent or idle client costs (nothing to anyone else), how
 * critical events are acknowledged, and how clients learn that the hub is going away.
 *
 * <h2>Concurrency model</h2>
 * Every WebSocket session is wrapped in a {@link io.pneumatic.realtime.internal.delivery.ClientConnection}
 * whose {@code sendMessage} only queues: Spring's STOMP handler, the broker relay's threads and the
 * replay lanes never wait for a client. One virtual thread per connection writes its queue to the
 * socket. A watchdog, close timers and acknowledgement timeouts share one virtual-thread scheduler.
 *
 * <h2>Lifecycle</h2>
 * A connection is wrapped when its WebSocket opens and forgotten when it closes. The hub ends a
 * connection with a last ERROR frame whose JSON body is {@code {"type":"disconnect","reason":…}}
 * ({@code server_shutdown} with {@code reconnect_after_ms}, {@code slow_consumer} with code
 * {@code QUEUE_FULL}, {@code heartbeat_timeout}, {@code idle_timeout}), then closes the socket — at
 * once if the writer is stuck on it. At shutdown every client gets its notice before any lifecycle
 * stops (on {@code ContextClosedEvent}).
 *
 * <h2>Invariants</h2>
 * Frames reach a client in the order they were queued. Only telemetry (ops, system, queue feed) is
 * ever dropped, oldest first, and every drop is counted; a job-stream frame that does not fit ends
 * the connection instead, and the client resumes by replay with {@code last-seq}. A critical event
 * (risk score 80 and above, severity critical) carries an {@code ack-id} and is sent again, with
 * doubling delays, until acknowledged or recorded in {@code delivery:undelivered}.
 */
@NullMarked
package io.pneumatic.realtime.internal.delivery;

import org.jspecify.annotations.NullMarked;
