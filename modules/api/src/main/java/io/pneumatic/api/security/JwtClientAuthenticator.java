package io.pneumatic.api.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import io.pneumatic.realtime.ClientAuthenticationException;
import io.pneumatic.realtime.ClientAuthenticator;
import io.pneumatic.realtime.ClientIdentity;

/**
 * Validates the tokens of STOMP clients with the same {@link JwtDecoder} as REST requests.
 */
final class JwtClientAuthenticator implements ClientAuthenticator {

	private final JwtDecoder decoder;

	private final ClientIdentities identities;

	JwtClientAuthenticator(JwtDecoder decoder, ClientIdentities identities) {
		this.decoder = decoder;
		this.identities = identities;
	}

	@Override
	public ClientIdentity authenticate(String token) {
		try {
			return this.identities.of(this.decoder.decode(token));
		}
		catch (JwtValidationException ex) {
			boolean expired = ex.getErrors().stream()
				.map(OAuth2Error::getDescription)
				.anyMatch(description -> description != null && description.startsWith("Jwt expired"));
			throw new ClientAuthenticationException(expired ? "the token has expired" : "the token is not valid now", expired);
		}
		catch (JwtException ex) {
			throw new ClientAuthenticationException("the token is not a valid signed token", false);
		}
	}

}
