package io.pneumatic.realtime.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why the hub ends a connection, told to the client in its last frame: an ERROR frame whose body is
 * {@code {"type":"disconnect","reason":…,"message":…}} (plus {@code reconnect_after_ms} when the
 * client should come back later), then the WebSocket close status.
 *
 * @param reason {@code server_shutdown}, {@code slow_consumer}, {@code heartbeat_timeout} or {@code idle_timeout}
 * @param code the STOMP error code ({@code QUEUE_FULL}), or {@code null} where none applies
 * @param message what happened and what to do, for people
 * @param reconnectAfterMillis how long the client should wait before it reconnects, or {@code null}
 * @param closeStatus the WebSocket close status that follows the frame
 */
record DisconnectNotice(String reason, @Nullable String code, String message, @Nullable Long reconnectAfterMillis,
		CloseStatus closeStatus) {

	private static final StompEncoder ENCODER = new StompEncoder();

	static DisconnectNotice serverShutdown(long reconnectAfterMillis) {
		return new DisconnectNotice("server_shutdown", null,
				"the server is shutting down; reconnect after reconnect_after_ms and resume job streams with last-seq",
				reconnectAfterMillis, CloseStatus.GOING_AWAY.withReason("server_shutdown"));
	}

	static DisconnectNotice slowConsumer(int queued) {
		return new DisconnectNotice("slow_consumer", "QUEUE_FULL", "the client read too slowly and " + queued
				+ " frames were waiting; reconnect and resume job streams with last-seq", null,
				CloseStatus.POLICY_VIOLATION.withReason("slow_consumer"));
	}

	static DisconnectNotice sendTimeLimit() {
		return new DisconnectNotice("slow_consumer", "QUEUE_FULL",
				"one write to the client took longer than the send time limit; reconnect and resume with last-seq", null,
				CloseStatus.POLICY_VIOLATION.withReason("slow_consumer"));
	}

	static DisconnectNotice heartbeatTimeout(long silentMillis) {
		return new DisconnectNotice("heartbeat_timeout", null,
				"no heart-beat from the client for " + silentMillis + " ms", null,
				CloseStatus.GOING_AWAY.withReason("heartbeat_timeout"));
	}

	static DisconnectNotice idleTimeout(long idleMillis) {
		return new DisconnectNotice("idle_timeout", null,
				"no subscription and no frame for " + idleMillis + " ms", null, CloseStatus.NORMAL.withReason("idle_timeout"));
	}

	/** The encoded STOMP ERROR frame. */
	String frame() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "disconnect");
		body.put("reason", this.reason);
		body.put("message", this.message);
		if (this.code != null) {
			body.put("code", this.code);
		}
		if (this.reconnectAfterMillis != null) {
			body.put("reconnect_after_ms", this.reconnectAfterMillis);
		}
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(this.reason);
		error.setNativeHeader("reason", this.reason);
		if (this.code != null) {
			error.setNativeHeader("code", this.code);
		}
		error.setContentType(MimeTypeUtils.APPLICATION_JSON);
		byte[] json = JsonMapper.shared().writeValueAsBytes(body);
		return new String(ENCODER.encode(error.getMessageHeaders(), json), StandardCharsets.UTF_8);
	}

}
