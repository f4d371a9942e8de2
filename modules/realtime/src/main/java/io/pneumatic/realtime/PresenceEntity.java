package io.pneumatic.realtime;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Something that can be online in a channel: a person ({@value #USER}), a worker or AI agent
 * ({@value #AGENT}) or a backend service ({@value #SERVICE}), with its current status and what it can do.
 *
 * @param type {@value #USER}, {@value #AGENT} or {@value #SERVICE}
 * @param id the entity's id within its type: a user id, a worker id; 1 to 128 characters
 * @param status what it is doing, such as {@code online}, {@code away}, {@code busy}; 1 to 32 characters
 *     of {@code [a-z0-9_-]}
 * @param capabilities what it can do, such as {@code tos_screening}; empty for people
 */
public record PresenceEntity(String type, String id, String status, List<String> capabilities) {

	/** The type of people. */
	public static final String USER = "user";

	/** The type of workers and AI agents. */
	public static final String AGENT = "agent";

	/** The type of backend services. */
	public static final String SERVICE = "service";

	/** The status of an entity that announced nothing else. */
	public static final String ONLINE = "online";

	/** Every entity type. */
	public static final Set<String> TYPES = Set.of(USER, AGENT, SERVICE);

	private static final Pattern STATUS = Pattern.compile("[a-z0-9_-]{1,32}");

	public PresenceEntity {
		if (!TYPES.contains(type)) {
			throw new IllegalArgumentException("An entity type is user, agent or service, not '" + type + "'");
		}
		if (id.isEmpty() || id.length() > 128) {
			throw new IllegalArgumentException("An entity id is 1 to 128 characters");
		}
		if (!STATUS.matcher(status).matches()) {
			throw new IllegalArgumentException("A status is 1 to 32 characters of a-z, 0-9, _ and -");
		}
		capabilities = List.copyOf(capabilities);
	}

	/** The same entity with another status. */
	public PresenceEntity withStatus(String newStatus) {
		return new PresenceEntity(this.type, this.id, newStatus, this.capabilities);
	}

}
