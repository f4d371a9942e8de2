/**
 * The STOMP endpoint ({@code /ws}, SockJS and plain WebSocket) and Spring's broker relay, wired
 * with the replay interceptors and the relay consumer.
 */
@NullMarked
package io.pneumatic.realtime.internal.stomp;

import org.jspecify.annotations.NullMarked;
