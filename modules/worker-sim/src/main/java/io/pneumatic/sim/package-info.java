/**
 * The worker simulator: a non-web Spring Boot application that plays simulated jobs and works the
 * queue ({@code --mode=demo}), only works the queue ({@code --mode=worker}), benchmarks the hub end to
 * end ({@code --mode=load}) or benchmarks the queue engine ({@code --mode=queue-load}).
 *
 * <p>{@code demo} lives in {@link io.pneumatic.sim.demo}, {@code load} in {@link io.pneumatic.sim.load};
 * both publish through the realtime module's {@link io.pneumatic.realtime.EventPublisher}.
 * {@code queue-load} lives in {@link io.pneumatic.sim.queue} and uses the queue engine's public API; the
 * queue workers and the demo feeder live in {@link io.pneumatic.sim.worker} and use both.
 */
@NullMarked
package io.pneumatic.sim;

import org.jspecify.annotations.NullMarked;
