package io.pneumatic.api.channels;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The memberships of channels.
 */
interface ChannelMembers extends JpaRepository<ChannelMember, ChannelMember.Key> {

	/**
	 * Adds a member unless it is one already.
	 * @return 1 when added, 0 when it was a member (a concurrent add of the same member waits for the first)
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "insert into channel_members (channel_id, user_id, role, joined_at) values (:channelId, :userId, :role, now()) "
			+ "on conflict do nothing", nativeQuery = true)
	int add(String channelId, String userId, String role);

	/** Removes a member; returns 1 when it was one. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "delete from channel_members where channel_id = :channelId and user_id = :userId", nativeQuery = true)
	int remove(String channelId, String userId);

	boolean existsByChannelIdAndUserId(String channelId, String userId);

	/** A channel's members, first joined first. */
	List<ChannelMember> findByChannelIdOrderByJoinedAtAscUserIdAsc(String channelId);

	/** The ids of the channels {@code userId} belongs to. */
	@Query("select m.channelId from ChannelMember m where m.userId = :userId")
	List<String> channelIdsOf(String userId);

}
