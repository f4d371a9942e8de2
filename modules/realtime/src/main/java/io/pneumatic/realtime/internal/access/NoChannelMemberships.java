package io.pneumatic.realtime.internal.access;

import io.pneumatic.realtime.ChannelMemberships;

/**
 * The {@link ChannelMemberships} of a hub without channel records: nobody is a member, no channel has chat.
 */
final class NoChannelMemberships implements ChannelMemberships {

	@Override
	public boolean isMember(String channelId, String userId) {
		return false;
	}

	@Override
	public boolean hasChat(String channelId) {
		return false;
	}

}
