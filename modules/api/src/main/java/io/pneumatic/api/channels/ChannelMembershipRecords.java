package io.pneumatic.api.channels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.pneumatic.realtime.ChannelMemberships;

/**
 * Channel membership for the STOMP endpoint's rules, from the channel records. While PostgreSQL is
 * down nobody is a member: members wait, admins are unaffected.
 */
@Component
class ChannelMembershipRecords implements ChannelMemberships {

	private static final Logger logger = LoggerFactory.getLogger(ChannelMembershipRecords.class);

	private final Channels channels;

	private final ChannelMembers members;

	ChannelMembershipRecords(Channels channels, ChannelMembers members) {
		this.channels = channels;
		this.members = members;
	}

	@Override
	public boolean isMember(String channelId, String userId) {
		try {
			return this.members.existsByChannelIdAndUserId(channelId, userId);
		}
		catch (DataAccessException ex) {
			logger.warn("channels.membership.unavailable channel={} cause=\"{}\"", channelId,
					ex.getMostSpecificCause().getMessage());
			return false;
		}
	}

	@Override
	public boolean hasChat(String channelId) {
		try {
			return this.channels.findById(channelId).map((channel) -> channel.kind().hasChat()).orElse(false);
		}
		catch (DataAccessException ex) {
			logger.warn("channels.kind.unavailable channel={} cause=\"{}\"", channelId, ex.getMostSpecificCause().getMessage());
			return false;
		}
	}

}
