package io.pneumatic.api.channels;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pneumatic.realtime.ClientIdentity;

/**
 * Channels and their members in PostgreSQL: who may see, join and invite, and the member limit,
 * enforced atomically (a seat is taken by a conditional update of the channel's row in the
 * transaction that adds the member). A private channel is invisible to non-members, admins excepted.
 */
@Service
class ChannelDirectory {

	private final Channels channels;

	private final ChannelMembers members;

	ChannelDirectory(Channels channels, ChannelMembers members) {
		this.channels = channels;
		this.members = members;
	}

	/** Creates a channel with its creator as owner and first member. */
	@Transactional
	Channel create(String id, ChannelKind kind, String name, int maxMembers, ClientIdentity creator) {
		if (this.channels.existsById(id)) {
			throw ChannelRequestDeniedException.exists(id);
		}
		this.channels.saveAndFlush(new Channel(id, kind, name, creator.userId(), maxMembers, Instant.now()));
		this.members.add(id, creator.userId(), ChannelMember.OWNER);
		this.channels.takeSeat(id);
		return visible(id, creator);
	}

	/** The channel, if {@code viewer} may see it. */
	@Transactional(readOnly = true)
	Channel visible(String id, ClientIdentity viewer) {
		return this.channels.findById(id)
			.filter((channel) -> channel.kind().isOpen() || viewer.hasRole("admin") || isMember(id, viewer))
			.orElseThrow(() -> new ChannelNotFoundException(id));
	}

	/** The channels {@code viewer} may see: open ones and its own (all for admins). */
	@Transactional(readOnly = true)
	List<Channel> visibleTo(ClientIdentity viewer) {
		if (viewer.hasRole("admin")) {
			return this.channels.findAllByOrderById();
		}
		return this.channels.findByKindInOrIdInOrderById(
				List.of(ChannelKind.PUBLIC.wireName(), ChannelKind.PRESENCE.wireName()), this.members.channelIdsOf(viewer.userId()));
	}

	/** Whether {@code who} belongs to the channel. */
	@Transactional(readOnly = true)
	boolean isMember(String channelId, ClientIdentity who) {
		return !who.isAnonymous() && this.members.existsByChannelIdAndUserId(channelId, who.userId());
	}

	/** The channel's members, if {@code viewer} may see the channel. */
	@Transactional(readOnly = true)
	List<ChannelMember> members(String channelId, ClientIdentity viewer) {
		visible(channelId, viewer);
		return this.members.findByChannelIdOrderByJoinedAtAscUserIdAsc(channelId);
	}

	/** {@code who} joins an open channel (a member of a private one stays one). */
	@Transactional
	MembershipChange join(String channelId, ClientIdentity who) {
		Channel channel = visible(channelId, who);
		if (!channel.kind().isOpen()) {
			return unchanged(channel, who.userId());
		}
		return add(channel, who.userId());
	}

	/** The owner or an admin makes {@code userId} a member. */
	@Transactional
	MembershipChange invite(String channelId, String userId, ClientIdentity inviter) {
		Channel channel = visible(channelId, inviter);
		if (!channel.isManagedBy(inviter)) {
			throw ChannelRequestDeniedException.notOwner(channelId);
		}
		return add(channel, userId);
	}

	/** {@code who} leaves a channel it may see. */
	@Transactional
	MembershipChange leave(String channelId, ClientIdentity who) {
		visible(channelId, who);
		if (this.members.remove(channelId, who.userId()) == 0) {
			return new MembershipChange(channelId, who.userId(), false, memberCount(channelId));
		}
		this.channels.releaseSeat(channelId);
		return new MembershipChange(channelId, who.userId(), true, memberCount(channelId));
	}

	private MembershipChange add(Channel channel, String userId) {
		if (this.members.add(channel.id(), userId, ChannelMember.MEMBER) == 0) {
			return unchanged(channel, userId);
		}
		if (this.channels.takeSeat(channel.id()) == 0) {
			// Rolls the insert back with the transaction.
			throw new ChannelFullException(channel);
		}
		return new MembershipChange(channel.id(), userId, true, memberCount(channel.id()));
	}

	private MembershipChange unchanged(Channel channel, String userId) {
		return new MembershipChange(channel.id(), userId, false, memberCount(channel.id()));
	}

	private int memberCount(String channelId) {
		return this.channels.findById(channelId).map(Channel::memberCount).orElse(0);
	}

}
