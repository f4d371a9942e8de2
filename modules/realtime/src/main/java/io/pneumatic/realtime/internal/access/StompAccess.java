package io.pneumatic.realtime.internal.access;

import java.util.Map;

import io.pneumatic.realtime.ClientIdentity;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The parts of access control that the STOMP endpoint plugs in: at the handshake, in front of the
 * client inbound channel, and for frames that cannot be decoded.
 */
public final class StompAccess {

	private final HandshakeAccess handshake;

	private final StompAccessInterceptor inbound;

	private final MalformedFrames malformedFrames;

	private final ClientSessions sessions;

	StompAccess(HandshakeAccess handshake, StompAccessInterceptor inbound, MalformedFrames malformedFrames,
			ClientSessions sessions) {
		this.handshake = handshake;
		this.inbound = inbound;
		this.malformedFrames = malformedFrames;
		this.sessions = sessions;
	}

	/** Rate-limits handshakes and validates an {@code access_token} query parameter. */
	public HandshakeInterceptor handshake() {
		return this.handshake;
	}

	/** Must be the first interceptor of the client inbound channel. */
	public ChannelInterceptor inbound() {
		return this.inbound;
	}

	/** The STOMP error handler of the endpoint. */
	public StompSubProtocolErrorHandler errorHandler() {
		return this.malformedFrames;
	}

	/** The decorator of the WebSocket handler that lets {@link #errorHandler()} name the session. */
	public WebSocketHandlerDecoratorFactory sessionNaming() {
		return this.malformedFrames;
	}

	/** The user of a connected session; {@code anonymous} before its CONNECT or without a token. */
	public String userId(String sessionId) {
		ClientSession session = this.sessions.get(sessionId);
		return (session != null) ? session.identity().userId() : ClientIdentity.ANONYMOUS;
	}

	/** The live subscriptions of a session: destination by subscription id. */
	public Map<String, String> subscriptions(String sessionId) {
		ClientSession session = this.sessions.get(sessionId);
		return (session != null) ? Map.copyOf(session.subscriptions()) : Map.of();
	}

	/** Refuses a frame of a session the way every refusal is reported (see {@link ClientSessions#refuse}). */
	public void refuse(String sessionId, ErrorCode code, String message, Map<String, Object> details) {
		ClientSession session = this.sessions.get(sessionId);
		if (session != null) {
			this.sessions.refuse(session, code, message, details);
		}
	}

}
