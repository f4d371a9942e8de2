package io.pneumatic.realtime;

/**
 * Sends a message to one subscription of one STOMP session, past the broker: the reply that a
 * subscription gets when it starts (a snapshot), which no other subscriber should see.
 */
@FunctionalInterface
public interface SubscriptionMessages {

	/**
	 * Writes a MESSAGE frame with a JSON body to the session.
	 * @param destination the destination the subscription named
	 */
	void send(String sessionId, String subscriptionId, String destination, byte[] json);

}
