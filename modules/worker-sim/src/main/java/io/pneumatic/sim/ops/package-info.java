/**
 * The cluster fleet simulation ({@code --mode=fleet}, and part of {@code --mode=demo}): clusters of GPU
 * nodes publishing ops events through {@link io.pneumatic.realtime.OpsEventPublisher} (the
 * {@code pneumatic_publish_ops} Redis function), watched on {@code /topic/ops.{cluster}.{namespace}.{type}}.
 *
 * <p>{@link io.pneumatic.sim.ops.FleetModel} is plain Java: given a random source, each tick turns the
 * fleet's state into the events of that tick. {@link io.pneumatic.sim.ops.FleetSimulator} ticks it on one
 * virtual thread and publishes.
 */
@NullMarked
package io.pneumatic.sim.ops;

import org.jspecify.annotations.NullMarked;
