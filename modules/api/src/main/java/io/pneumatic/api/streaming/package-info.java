/**
 * REST views of the streaming side: status, clients, subscription statistics, undelivered critical
 * events, and the broadcast of workers.
 */
@NullMarked
package io.pneumatic.api.streaming;

import org.jspecify.annotations.NullMarked;
