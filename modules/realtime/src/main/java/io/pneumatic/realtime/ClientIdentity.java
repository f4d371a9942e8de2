package io.pneumatic.realtime;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who is behind a STOMP connection: the user id and roles of its token, the permissions these
 * grant, and when the token expires. It is the connection's {@link Principal}.
 *
 * @param userId the token's subject; {@value #ANONYMOUS} for an anonymous connection
 * @param roles the token's roles: {@code citizen}, {@code moderator}, {@code operator}, {@code admin}, {@code worker}
 * @param permissions what the roles and the token grant, such as {@value #CONTENT_PREVIEW}
 * @param expiresAt when the token expires; {@code null} for an anonymous connection
 */
public record ClientIdentity(String userId, Set<String> roles, Set<String> permissions, @Nullable Instant expiresAt)
		implements Principal {

	/** The user id of anonymous connections. */
	public static final String ANONYMOUS = "anonymous";

	/** The permission to see queue item previews. */
	public static final String CONTENT_PREVIEW = "content_preview";

	public ClientIdentity {
		roles = Set.copyOf(roles);
		permissions = Set.copyOf(permissions);
	}

	/** The identity of a connection without a token. */
	public static ClientIdentity anonymous() {
		return new ClientIdentity(ANONYMOUS, Set.of(), Set.of(), null);
	}

	public boolean isAnonymous() {
		return this.expiresAt == null && ANONYMOUS.equals(this.userId);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	public boolean hasAnyRole(String... candidates) {
		for (String role : candidates) {
			if (this.roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	/** Whether every job stream and record is open to this client (moderators and admins), not only its own. */
	public boolean seesAllJobs() {
		return hasAnyRole("moderator", "admin");
	}

	@Override
	public String getName() {
		return this.userId;
	}

}
