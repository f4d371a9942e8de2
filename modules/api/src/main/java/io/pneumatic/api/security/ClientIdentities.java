package io.pneumatic.api.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import io.pneumatic.realtime.ClientIdentity;

/**
 * Reads a {@link ClientIdentity} from a validated token: {@code sub} is the user id, the roles and
 * permissions claims list the rest. Moderators and admins hold {@code content_preview} by their role.
 */
final class ClientIdentities {

	private static final Set<String> PREVIEWING_ROLES = Set.of("moderator", "admin");

	private final SecuritySettings.Jwt settings;

	ClientIdentities(SecuritySettings.Jwt settings) {
		this.settings = settings;
	}

	ClientIdentity of(Jwt jwt) {
		Set<String> roles = Set.copyOf(strings(jwt, this.settings.rolesClaim()));
		Set<String> permissions = new HashSet<>(strings(jwt, this.settings.permissionsClaim()));
		if (roles.stream().anyMatch(PREVIEWING_ROLES::contains)) {
			permissions.add(ClientIdentity.CONTENT_PREVIEW);
		}
		return new ClientIdentity(jwt.getSubject(), roles, permissions, jwt.getExpiresAt());
	}

	private static List<String> strings(Jwt jwt, String claim) {
		List<String> values = jwt.hasClaim(claim) ? jwt.getClaimAsStringList(claim) : null;
		return (values != null) ? values : List.of();
	}

}
