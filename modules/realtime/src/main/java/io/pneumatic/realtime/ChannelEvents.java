package io.pneumatic.realtime;

/**
 * Appends events to a channel's stream {@code channels.{channelId}}, which the hub delivers in order to
 * {@code /topic/channels.{channelId}} in the envelope of every stream. Each event gets the stream's next
 * {@code seq} atomically (a Redis counter), whatever the number of publishers. Thread-safe.
 */
public interface ChannelEvents {

	/** The event type of chat messages. */
	String CHAT_MESSAGE = "chat_message";

	/**
	 * Appends one event.
	 * @param channelId the channel id: 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 * @param type the event type in lower snake case, such as {@value #CHAT_MESSAGE} or {@code member_joined}
	 * @param payload a JSON object (a {@code Map} or a record)
	 * @return the event's sequence number
	 */
	long publish(String channelId, String type, Object payload);

}
