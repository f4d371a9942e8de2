package io.pneumatic.realtime;

/**
 * Turns a bearer token into a {@link ClientIdentity}: the hub's STOMP endpoint asks it at the
 * handshake ({@code access_token} query parameter), at CONNECT ({@code Authorization: Bearer …})
 * and on {@code SEND /app/auth.refresh}. The application provides it (JWT validation lives there).
 */
@FunctionalInterface
public interface ClientAuthenticator {

	/**
	 * Validates a token.
	 * @throws ClientAuthenticationException when the token is not valid now
	 */
	ClientIdentity authenticate(String token);

}
