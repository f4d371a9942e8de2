/**
 * The STOMP broker behind the relay: embedded ActiveMQ Artemis on loopback by default, or an
 * external broker (RabbitMQ with its STOMP plugin, an Artemis cluster) chosen by configuration.
 */
@NullMarked
package io.pneumatic.realtime.internal.broker;

import org.jspecify.annotations.NullMarked;
