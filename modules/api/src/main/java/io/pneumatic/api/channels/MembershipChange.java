package io.pneumatic.api.channels;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The outcome of adding or removing a member.
 *
 * @param channelId the channel
 * @param userId the member
 * @param changed whether the membership changed (false: it was a member already, or was none)
 * @param members the channel's member count afterwards
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record MembershipChange(String channelId, String userId, boolean changed, int members) {
}
