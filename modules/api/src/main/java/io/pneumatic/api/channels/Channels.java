package io.pneumatic.api.channels;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The channels.
 */
interface Channels extends JpaRepository<Channel, String> {

	/**
	 * Counts one more member unless the channel is full; concurrent calls queue on the channel's row,
	 * so the count never passes {@code max_members}.
	 * @return 1 when a seat was taken, 0 when the channel is full
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "update channels set member_count = member_count + 1 where id = :id and member_count < max_members",
			nativeQuery = true)
	int takeSeat(String id);

	/** Counts one member less. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "update channels set member_count = member_count - 1 where id = :id", nativeQuery = true)
	int releaseSeat(String id);

	/** The channels of these kinds or with these ids, by id. */
	List<Channel> findByKindInOrIdInOrderById(Collection<String> kinds, Collection<String> ids);

	/** Every channel, by id. */
	List<Channel> findAllByOrderById();

}
