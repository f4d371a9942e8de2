package io.pneumatic.realtime.internal.access;

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

	StompAccess(HandshakeAccess handshake, StompAccessInterceptor inbound, MalformedFrames malformedFrames) {
		this.handshake = handshake;
		this.inbound = inbound;
		this.malformedFrames = malformedFrames;
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

}
