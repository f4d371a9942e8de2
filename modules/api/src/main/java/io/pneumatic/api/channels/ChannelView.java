package io.pneumatic.api.channels;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A channel as REST clients see it.
 *
 * @param id the channel id, the {@code {channel}} of {@code /topic/channels.{channel}} and {@code /topic/presence.{channel}}
 * @param kind {@code public}, {@code private} or {@code presence}
 * @param name its display name
 * @param owner the user who created it
 * @param maxMembers how many members it may hold
 * @param memberCount how many it holds
 * @param member whether the caller is one of them
 * @param createdAt when it was created
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ChannelView(String id, String kind, String name, String owner, int maxMembers, int memberCount, boolean member,
		Instant createdAt) {

	static ChannelView of(Channel channel, boolean member) {
		return new ChannelView(channel.id(), channel.kind().wireName(), channel.name(), channel.owner(), channel.maxMembers(),
				channel.memberCount(), member, channel.createdAt());
	}

}
