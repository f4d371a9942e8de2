/**
 * The plain-Java rules of the queue engine, without Spring or Redis: retry backoff, completion
 * estimates, text limits.
 *
 * <p>The Redis function library ({@code queue-library.lua}) applies the same rules atomically; where it
 * mirrors a formula from here, both say so, and the integration tests check that they agree.
 */
@NullMarked
package io.pneumatic.queue.internal.core;

import org.jspecify.annotations.NullMarked;
