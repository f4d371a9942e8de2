/**
 * Public API of the realtime module: publishing job events to the event log, reading them back,
 * and consuming the log as a Redis consumer group.
 *
 * <p>Everything else in this module lives in {@code internal} sub-packages and is wired by
 * Spring Boot auto-configuration ({@code RealtimeAutoConfiguration}).
 */
@NullMarked
package io.pneumatic.realtime;

import org.jspecify.annotations.NullMarked;
