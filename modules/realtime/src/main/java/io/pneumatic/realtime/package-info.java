/**
 * Public API of the realtime module: publishing job and ops events to the event log, reading job events
 * back, consuming the log as a Redis consumer group, and the lease that picks one producer of a periodic feed.
 *
 * <p>Everything else in this module lives in {@code internal} sub-packages and is wired by
 * Spring Boot auto-configuration ({@code RealtimeAutoConfiguration}).
 */
@NullMarked
package io.pneumatic.realtime;

import org.jspecify.annotations.NullMarked;
