package io.pneumatic.realtime.internal.access;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Frames the hub cannot even decode (bad syntax, over the size limit): the client gets
 * {@code INVALID_MESSAGE} and, when it is connected and listens on {@code /user/queue/errors}, keeps
 * its connection. Spring's STOMP handler reports such frames without naming the session, so a
 * decorator of the WebSocket handler notes which session's message is being decoded.
 */
final class MalformedFrames extends StompSubProtocolErrorHandler implements WebSocketHandlerDecoratorFactory {

	private static final Logger logger = LoggerFactory.getLogger(MalformedFrames.class);

	private static final ThreadLocal<String> decoding = new ThreadLocal<>();

	private final ClientSessions sessions;

	MalformedFrames(ClientSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				decoding.set(session.getId());
				try {
					super.handleMessage(session, message);
				}
				finally {
					decoding.remove();
				}
			}
		};
	}

	@Override
	public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage,
			Throwable ex) {
		String sessionId = (clientMessage != null) ? SimpMessageHeaderAccessor.getSessionId(clientMessage.getHeaders())
				: decoding.get();
		ClientSession session = (sessionId != null) ? this.sessions.get(sessionId) : null;
		if (clientMessage == null) {
			// The decoder's message may quote the frame: keep it out of logs and replies.
			logger.debug("stomp.malformed session={} error={}", sessionId, ex.getClass().getSimpleName());
			if (session != null) {
				this.sessions.refuse(session, ErrorCode.INVALID_MESSAGE, "malformed STOMP frame", Map.of());
				return null;
			}
			return StompErrors.errorFrame(null, ErrorCode.INVALID_MESSAGE, "malformed STOMP frame");
		}
		logger.warn("stomp.failed session={} error={}", sessionId, ex.toString());
		return StompErrors.errorFrame(null, ErrorCode.INTERNAL_ERROR, "the hub could not process the frame");
	}

}
