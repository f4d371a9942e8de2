/**
 * The worker simulator: a non-web Spring Boot application that plays simulated jobs
 * ({@code --mode=demo}), benchmarks the hub end to end ({@code --mode=load}) or benchmarks the queue
 * engine ({@code --mode=queue-load}).
 *
 * <p>{@code demo} lives in {@link io.pneumatic.sim.demo}, {@code load} in {@link io.pneumatic.sim.load};
 * both publish through the realtime module's {@link io.pneumatic.realtime.EventPublisher}.
 * {@code queue-load} lives in {@link io.pneumatic.sim.queue} and uses the queue engine's public API.
 */
@NullMarked
package io.pneumatic.sim;

import org.jspecify.annotations.NullMarked;
