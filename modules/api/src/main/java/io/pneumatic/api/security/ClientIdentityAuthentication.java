package io.pneumatic.api.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.pneumatic.realtime.ClientIdentity;

/**
 * A REST request authenticated by a token: its principal is the {@link ClientIdentity}, its
 * authorities are {@code ROLE_<role>} for each role plus each permission.
 */
final class ClientIdentityAuthentication extends AbstractAuthenticationToken {

	private final ClientIdentity identity;

	ClientIdentityAuthentication(ClientIdentity identity) {
		super(authorities(identity));
		this.identity = identity;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(ClientIdentity identity) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		identity.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		identity.permissions().forEach(permission -> authorities.add(new SimpleGrantedAuthority(permission)));
		return authorities;
	}

	@Override
	public ClientIdentity getPrincipal() {
		return this.identity;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

}
