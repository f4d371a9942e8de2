/**
 * The worker simulator: a non-web Spring Boot application that either plays simulated jobs
 * ({@code --mode=demo}) or benchmarks the hub end to end ({@code --mode=load}).
 *
 * <p>{@code demo} lives in {@link io.pneumatic.sim.demo}, {@code load} in {@link io.pneumatic.sim.load};
 * both publish through the realtime module's {@link io.pneumatic.realtime.EventPublisher}.
 */
@NullMarked
package io.pneumatic.sim;

import org.jspecify.annotations.NullMarked;
