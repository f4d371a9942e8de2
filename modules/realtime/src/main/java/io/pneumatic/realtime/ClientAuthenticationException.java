package io.pneumatic.realtime;

/**
 * A token that was refused; the message says why without repeating the token.
 */
public class ClientAuthenticationException extends RuntimeException {

	private final boolean expired;

	public ClientAuthenticationException(String message, boolean expired) {
		super(message);
		this.expired = expired;
	}

	/** Whether the token was valid once and has expired (code {@code AUTH_EXPIRED}, else {@code AUTH_FAILED}). */
	public boolean isExpired() {
		return this.expired;
	}

}
