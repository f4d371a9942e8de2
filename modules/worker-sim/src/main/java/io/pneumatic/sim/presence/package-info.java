/**
 * The presence benchmark ({@code --mode=presence-load}): how long a client's join takes to reach the
 * observers of its channel, over real STOMP connections to a running hub.
 */
@NullMarked
package io.pneumatic.sim.presence;

import org.jspecify.annotations.NullMarked;
