/**
 * Demo mode: simulated jobs that publish realistic event streams.
 *
 * <h2>Concurrency model</h2>
 * {@link io.pneumatic.sim.demo.DemoJobLauncher} starts a job every {@code job-interval} on the
 * application's main thread while fewer than {@code max-concurrent-jobs} run; each job plays its
 * {@link io.pneumatic.sim.demo.JobScript} on its own virtual thread and is the only publisher of its stream.
 *
 * <h2>Lifecycle</h2>
 * Stopping the application stops launching, interrupts running jobs and lets each publish
 * {@code error} and {@code done {status: failed}} so that no job is left open.
 *
 * <h2>Invariants</h2>
 * Every script starts with {@code status running} and ends with exactly one {@code done};
 * a failing script has an {@code error} just before it.
 */
@NullMarked
package io.pneumatic.sim.demo;

import org.jspecify.annotations.NullMarked;
