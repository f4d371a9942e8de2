package io.pneumatic.realtime.internal.access;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import io.pneumatic.realtime.ClientAuthenticationException;
import io.pneumatic.realtime.ClientAuthenticator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The WebSocket and SockJS handshake: at most {@code pneumatic.access.handshakes-per-ip} per minute
 * from one address (429 beyond), and an {@code access_token} query parameter, for browsers that
 * cannot set headers there, validated before the connection opens (401 when refused). The identity
 * it yields is the connection's unless CONNECT brings its own token.
 */
final class HandshakeAccess implements HandshakeInterceptor {

	/** The session attribute that holds the handshake's {@link io.pneumatic.realtime.ClientIdentity}. */
	static final String IDENTITY = HandshakeAccess.class.getName() + ".identity";

	private final ClientAuthenticator authenticator;

	private final RateLimits limits;

	HandshakeAccess(ClientAuthenticator authenticator, RateLimits limits) {
		this.authenticator = authenticator;
		this.limits = limits;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		InetSocketAddress remote = request.getRemoteAddress();
		Duration wait = this.limits.takeHandshake((remote != null) ? remote.getAddress().getHostAddress() : "unknown");
		if (!wait.isZero()) {
			response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
			return false;
		}
		String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("access_token");
		if (token == null) {
			return true;
		}
		try {
			attributes.put(IDENTITY, this.authenticator.authenticate(token));
			return true;
		}
		catch (ClientAuthenticationException ex) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"" + (ex.isExpired() ? "AUTH_EXPIRED" : "AUTH_FAILED") + "\"");
			return false;
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
