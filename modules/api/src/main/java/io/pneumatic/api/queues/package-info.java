/**
 * The forum's work queues as the hub's clients see them: submissions over REST, the queues' snapshot,
 * dead letters, and the live visualization feed on STOMP.
 */
@NullMarked
package io.pneumatic.api.queues;

import org.jspecify.annotations.NullMarked;
