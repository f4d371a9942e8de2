package io.pneumatic.realtime;

import java.time.Duration;
import java.util.List;

/**
 * Who is online in a channel, kept in Redis and correct across app instances: every connection of an
 * entity holds a lease that its owner renews; an entity is online while one of its connections holds
 * an unexpired lease. The first connection of an entity announces {@code join} on
 * {@code /topic/presence.{channel}}, a changed entity {@code status}, the last one gone {@code leave} (with
 * {@code reason} {@code left} or, when its lease ran out because its instance or worker died,
 * {@code timeout}), each exactly once.
 *
 * <p>Workers in any language can do the same with plain Redis commands (docs/presence.md). Thread-safe.
 */
public interface Presence {

	/**
	 * Announces a connection of {@code entity} in {@code channel}, or renews it; a changed status or
	 * capabilities is announced as {@code status}.
	 * @param channel the channel id: 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 * @param connectionId what tells this connection from the entity's others, unique over all instances
	 */
	void announce(String channel, String connectionId, PresenceEntity entity);

	/**
	 * Renews the lease of a connection.
	 * @return false when the connection was not present any more (its lease ran out): announce it again
	 */
	boolean renew(String channel, String connectionId);

	/** Ends a connection; its entity goes offline when it was its last. */
	void leave(String channel, String connectionId);

	/** The entities online in {@code channel} now, in no particular order. */
	List<PresenceEntity> online(String channel);

	/** How often an owner must renew its connections' leases: a third of the lease. */
	Duration renewInterval();

}
