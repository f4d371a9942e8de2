package io.pneumatic.realtime.internal.delivery;

import java.time.Duration;
import java.util.Map;

import io.pneumatic.realtime.internal.access.ErrorCode;
import io.pneumatic.realtime.internal.access.StompAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery layer's part of the client inbound channel, right after access control: it settles
 * the heart-beat a CONNECT asks for (never more often than {@code pneumatic.delivery.heartbeat}) and
 * takes acknowledgements of critical events ({@code SEND /app/ack} with {@code {"ack_id": "…"}}).
 */
public final class DeliveryInterceptor implements ChannelInterceptor {

	static final String ACK = "/app/ack";

	private final ClientConnections connections;

	private final StompAccess access;

	private final JsonMapper json;

	private final long heartbeatMillis;

	DeliveryInterceptor(ClientConnections connections, StompAccess access, JsonMapper json, Duration heartbeat) {
		this.connections = connections;
		this.access = access;
		this.json = json;
		this.heartbeatMillis = heartbeat.toMillis();
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getSessionId() == null) {
			return message;
		}
		StompCommand command = accessor.getCommand();
		if (StompCommand.CONNECT.equals(command) || StompCommand.STOMP.equals(command)) {
			long[] asked = accessor.getHeartbeat();
			long send = settle(asked[0]);
			accessor.setHeartbeat(send, settle(asked[1]));
			this.connections.clientHeartbeat(accessor.getSessionId(), send);
		}
		else if (StompCommand.SEND.equals(command) && ACK.equals(accessor.getDestination())) {
			acknowledge(accessor.getSessionId(), message.getPayload());
			return null;
		}
		return message;
	}

	/** A client may turn heart-beats off, but not ask for them more often than the hub's interval. */
	private long settle(long askedMillis) {
		return (askedMillis <= 0) ? 0 : Math.max(askedMillis, this.heartbeatMillis);
	}

	private void acknowledge(String sessionId, Object payload) {
		String ackId = ackIdOf(payload);
		if (ackId == null) {
			this.access.refuse(sessionId, ErrorCode.INVALID_MESSAGE, "ack takes a JSON body {\"ack_id\": \"<ack-id header>\"}",
					Map.of("destination", ACK));
			return;
		}
		// An unknown id is an acknowledgement that crossed a redelivery or a repeated one: nothing to do.
		this.connections.acknowledge(sessionId, ackId);
	}

	private @Nullable String ackIdOf(Object payload) {
		if (!(payload instanceof byte[] body) || body.length == 0) {
			return null;
		}
		try {
			JsonNode ackId = this.json.readTree(body).get("ack_id");
			return (ackId != null && (ackId.isString() || ackId.isNumber())) ? ackId.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
