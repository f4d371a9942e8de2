package io.pneumatic.realtime.internal.access;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Tells a client what went wrong. A recoverable error is a message on the client's
 * {@code /user/queue/errors} and the connection lives on; a fatal one is an ERROR frame with a
 * {@code code} header, after which the connection is closed. Payloads and headers never carry
 * tokens or content.
 */
public final class StompErrors {

	private static final Logger logger = LoggerFactory.getLogger(StompErrors.class);

	/** The native header of ERROR frames that carries the {@link ErrorCode}. */
	static final String CODE_HEADER = "code";

	private final Supplier<SimpMessageSendingOperations> messaging;

	private final Supplier<MessageChannel> clientOutbound;

	StompErrors(Supplier<SimpMessageSendingOperations> messaging, Supplier<MessageChannel> clientOutbound) {
		this.messaging = messaging;
		this.clientOutbound = clientOutbound;
	}

	/**
	 * Sends a recoverable error to the session's {@code /user/queue/errors}.
	 * @param details extra fields of the payload, such as {@code destination} or {@code retry_after}
	 */
	public void recoverable(String sessionId, ErrorCode code, String message, Map<String, Object> details) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", "error");
		payload.put("code", code.name());
		payload.put("message", message);
		payload.putAll(details);
		logger.debug("stomp.error session={} code={} message=\"{}\"", sessionId, code, message);
		sendToSession(sessionId, "/queue/errors", payload);
	}

	/** Sends a reply to the session's {@code /user/queue/replies}. */
	void reply(String sessionId, Map<String, Object> payload) {
		sendToSession(sessionId, "/queue/replies", payload);
	}

	/** Sends an ERROR frame, after which the session is closed. */
	void fatal(String sessionId, ErrorCode code, String message) {
		logger.info("stomp.closed session={} code={} message=\"{}\"", sessionId, code, message);
		this.clientOutbound.get().send(errorFrame(sessionId, code, message));
	}

	/** An ERROR frame for {@code sessionId}, or for the session the frame goes back to when {@code null}. */
	static Message<byte[]> errorFrame(@Nullable String sessionId, ErrorCode code, String message) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(code + ": " + message);
		error.setNativeHeader(CODE_HEADER, code.name());
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		if (sessionId != null) {
			error.setSessionId(sessionId);
		}
		error.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.getBytes(StandardCharsets.UTF_8), error.getMessageHeaders());
	}

	private void sendToSession(String sessionId, String destination, Map<String, Object> payload) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setLeaveMutable(true);
		// The user part is the session id itself, which names exactly this session.
		this.messaging.get().convertAndSendToUser(sessionId, destination, payload, headers.getMessageHeaders());
	}

}
