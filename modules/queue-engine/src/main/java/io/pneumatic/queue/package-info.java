/**
 * Public API of the queue engine: FIFO lanes that feed the workers, leases, retries, dead letters and
 * queue snapshots (docs/queues.md).
 *
 * <p>Inject {@link io.pneumatic.queue.QueueEngine}; Spring Boot auto-configuration provides it on
 * Redis. Everything else in this module lives in {@code internal} sub-packages.
 */
@NullMarked
package io.pneumatic.queue;

import org.jspecify.annotations.NullMarked;
