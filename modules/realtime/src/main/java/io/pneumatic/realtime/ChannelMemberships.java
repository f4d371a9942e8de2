package io.pneumatic.realtime;

/**
 * Tells who belongs to a channel, for the rule that a channel's presence and chat are open to its
 * members (and admins). The application provides it from its channel records; without one, nobody is
 * a member of anything.
 */
public interface ChannelMemberships {

	/** Whether {@code userId} is a member of channel {@code channelId}; false for an unknown channel. */
	boolean isMember(String channelId, String userId);

	/** Whether members of {@code channelId} may chat there; false for presence-only and unknown channels. */
	boolean hasChat(String channelId);

}
