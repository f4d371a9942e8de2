package io.pneumatic.realtime;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A STOMP client connected to this instance, as operators see it.
 *
 * @param sessionId the STOMP session id
 * @param userId the user of its token ({@code anonymous} without one)
 * @param connectedAt when its WebSocket opened
 * @param messagesSent MESSAGE frames written to it
 * @param messagesDropped telemetry frames dropped because it read too slowly
 * @param queued frames waiting to be written to it now
 * @param awaitingAck critical events it has not acknowledged yet
 * @param subscriptions its subscriptions
 */
public record ConnectedClient(String sessionId, String userId, Instant connectedAt, long messagesSent,
		long messagesDropped, int queued, int awaitingAck, List<Subscription> subscriptions) {

	/**
	 * One subscription of a client.
	 *
	 * @param id the client's subscription id
	 * @param destination the destination
	 * @param deliveredSeq the sequence number of the last event written to it, for streams that have one
	 */
	public record Subscription(String id, String destination, @Nullable Long deliveredSeq) {
	}

}
