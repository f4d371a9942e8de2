package io.pneumatic.realtime;

import tools.jackson.databind.JsonNode;

/**
 * Sends a message to every authenticated client on {@code /topic/system}, in the envelope of every
 * stream ({@code "stream":"system"}, with the next {@code seq} of that stream).
 */
public interface SystemBroadcast {

	/**
	 * @param type the message type, lower snake case; {@code system_status} is the hub's own
	 * @param payload a JSON object
	 * @return the message as sent
	 */
	EventEnvelope broadcast(String type, JsonNode payload);

}
