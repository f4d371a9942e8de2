package io.pneumatic.realtime.internal.presence;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.ChannelEvents;
import io.pneumatic.realtime.ClientIdentity;
import io.pneumatic.realtime.internal.access.ErrorCode;
import io.pneumatic.realtime.internal.access.StompErrors;

/**
 * What clients SEND to channels: chat ({@code /app/channels/{channelId}/send}, body {@code {"text":"…"}})
 * and their presence status ({@code /app/presence/{channelId}/status}, body {@code {"status":"away"}}).
 * Access control has already checked that the sender is a member; a malformed body gets an
 * {@code INVALID_MESSAGE} on the sender's {@code /user/queue/errors}.
 */
@Controller
final class ChannelMessageController {

	/** The longest chat message, in characters. */
	static final int MAX_TEXT = 4000;

	private static final Pattern STATUS = Pattern.compile("[a-z0-9_-]{1,32}");

	private final ChannelEvents events;

	private final PresenceSessions sessions;

	private final StompErrors errors;

	private final JsonMapper json;

	ChannelMessageController(ChannelEvents events, PresenceSessions sessions, StompErrors errors, JsonMapper json) {
		this.events = events;
		this.sessions = sessions;
		this.errors = errors;
		this.json = json;
	}

	@MessageMapping("/channels/{channelId}/send")
	void chat(@DestinationVariable String channelId, Message<?> message, Principal sender) {
		String text = field(message, "text");
		if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
			refuse(message, "a chat message is {\"text\": \"…\"} with 1 to " + MAX_TEXT + " characters");
			return;
		}
		this.events.publish(channelId, ChannelEvents.CHAT_MESSAGE,
				Map.of("from", ((ClientIdentity) sender).userId(), "text", text));
	}

	@MessageMapping("/presence/{channelId}/status")
	void status(@DestinationVariable String channelId, Message<?> message) {
		String status = field(message, "status");
		if (status == null || !STATUS.matcher(status).matches()) {
			refuse(message, "a status is {\"status\": \"…\"}, 1 to 32 characters of a-z, 0-9, _ and -");
			return;
		}
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		if (sessionId != null && !this.sessions.changeStatus(sessionId, channelId, status)) {
			refuse(message, "subscribe to /topic/presence." + channelId + " first: a status belongs to a presence");
		}
	}

	private @Nullable String field(Message<?> message, String name) {
		if (!(message.getPayload() instanceof byte[] body)) {
			return null;
		}
		try {
			JsonNode value = this.json.readTree(new String(body, StandardCharsets.UTF_8)).get(name);
			return (value != null && value.isString()) ? value.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private void refuse(Message<?> message, String reason) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
		if (headers.getSessionId() != null) {
			this.errors.recoverable(headers.getSessionId(), ErrorCode.INVALID_MESSAGE, reason,
					(headers.getDestination() != null) ? Map.of("destination", headers.getDestination()) : Map.of());
		}
	}

}
