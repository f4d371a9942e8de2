package io.pneumatic.realtime.internal.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.pneumatic.realtime.ClientAuthenticationException;
import io.pneumatic.realtime.ClientAuthenticator;
import io.pneumatic.realtime.ClientIdentity;
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
 * The gate of every frame a client sends, first on the client inbound channel: CONNECT must carry a
 * valid token (or come from a handshake that did, or be anonymous where that is allowed); SEND may go
 * to {@code /app/**} only; SUBSCRIBE must pass {@link DestinationRules} and the subscription limit;
 * every frame spends the connection's and the user's rate budget. A refused frame goes no further: the
 * client gets a recoverable error and keeps its connection, except for authentication failures and
 * sustained floods, which end it.
 */
final class StompAccessInterceptor implements ChannelInterceptor {

	static final String AUTH_REFRESH = "/app/auth.refresh";

	private static final String LAST_SEQ = "last-seq";

	private static final String USER_QUEUES = "/user/queue/";

	private static final Pattern NON_NEGATIVE = Pattern.compile("\\d{1,18}");

	private final ClientAuthenticator authenticator;

	private final ClientSessions sessions;

	private final DestinationRules rules;

	private final RateLimits limits;

	private final StompErrors errors;

	private final AccessSettings settings;

	private final JsonMapper json;

	StompAccessInterceptor(ClientAuthenticator authenticator, ClientSessions sessions, DestinationRules rules,
			RateLimits limits, StompErrors errors, AccessSettings settings, JsonMapper json) {
		this.authenticator = authenticator;
		this.sessions = sessions;
		this.rules = rules;
		this.limits = limits;
		this.errors = errors;
		this.settings = settings;
		this.json = json;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() == null || accessor.getSessionId() == null
				|| Boolean.TRUE.equals(accessor.getHeader(ClientSessions.HUB_FRAME))) {
			return message;
		}
		String sessionId = accessor.getSessionId();
		StompCommand command = accessor.getCommand();
		if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
			return connect(message, accessor, sessionId);
		}
		if (command == StompCommand.DISCONNECT) {
			this.sessions.closed(sessionId);
			return message;
		}
		ClientSession session = this.sessions.get(sessionId);
		if (session == null || session.isEnding() || !withinRate(session)) {
			return null;
		}
		return switch (command) {
			case SEND -> send(message, accessor, session);
			case SUBSCRIBE -> subscribe(message, accessor, session);
			case UNSUBSCRIBE -> {
				if (accessor.getSubscriptionId() != null) {
					session.subscriptions().remove(accessor.getSubscriptionId());
				}
				yield message;
			}
			default -> message;
		};
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (!sent || ex != null || accessor == null || accessor.getCommand() != StompCommand.SUBSCRIBE
				|| accessor.getSessionId() == null || accessor.getSubscriptionId() == null
				|| accessor.getDestination() == null) {
			return;
		}
		ClientSession session = this.sessions.get(accessor.getSessionId());
		if (session != null) {
			session.subscriptions().put(accessor.getSubscriptionId(), accessor.getDestination());
		}
	}

	private @Nullable Message<?> connect(Message<?> message, StompHeaderAccessor accessor, String sessionId) {
		ClientIdentity identity;
		try {
			identity = identityOf(accessor);
		}
		catch (ClientAuthenticationException ex) {
			this.errors.fatal(sessionId, ex.isExpired() ? ErrorCode.AUTH_EXPIRED : ErrorCode.AUTH_FAILED, ex.getMessage());
			return null;
		}
		if (identity == null) {
			this.errors.fatal(sessionId, ErrorCode.AUTH_FAILED,
					"a token is required: send Authorization: Bearer <token> in CONNECT or access_token in the handshake URL");
			return null;
		}
		if (!this.sessions.open(new ClientSession(sessionId, identity, this.limits.connectionFrames()))) {
			this.errors.fatal(sessionId, ErrorCode.RATE_LIMITED, "too many connections for this user: at most "
					+ this.settings.maxConnectionsPerUser() + "; close one first");
			return null;
		}
		accessor.setUser(identity);
		return message;
	}

	private @Nullable ClientIdentity identityOf(StompHeaderAccessor accessor) {
		String authorization = accessor.getFirstNativeHeader("Authorization");
		if (authorization == null) {
			authorization = accessor.getFirstNativeHeader("authorization");
		}
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				throw new ClientAuthenticationException("the Authorization header must be Bearer <token>", false);
			}
			return this.authenticator.authenticate(authorization.substring(7).trim());
		}
		Map<String, Object> attributes = accessor.getSessionAttributes();
		if (attributes != null && attributes.get(HandshakeAccess.IDENTITY) instanceof ClientIdentity fromHandshake) {
			return fromHandshake;
		}
		return this.settings.anonymous() ? ClientIdentity.anonymous() : null;
	}

	private boolean withinRate(ClientSession session) {
		Duration wait = this.limits.takeFrame(session);
		if (wait.isZero()) {
			session.accepted();
			return true;
		}
		if (session.refused() >= this.settings.abuseThreshold()) {
			this.sessions.end(session, ErrorCode.RATE_LIMITED, "too many frames for too long: connection closed");
		}
		else {
			long retryAfter = Math.max(1, (wait.toMillis() + 999) / 1000);
			this.sessions.refuse(session, ErrorCode.RATE_LIMITED, "too many frames: the frame was dropped",
					Map.of("retry_after", retryAfter));
		}
		return false;
	}

	private @Nullable Message<?> send(Message<?> message, StompHeaderAccessor accessor, ClientSession session) {
		String destination = accessor.getDestination();
		if (destination == null || !destination.startsWith("/app/")) {
			this.sessions.refuse(session, ErrorCode.INVALID_MESSAGE, "clients may SEND only to /app/**",
					(destination != null) ? Map.of("destination", destination) : Map.of());
			return null;
		}
		if (AUTH_REFRESH.equals(destination)) {
			refresh(session, message);
			return null;
		}
		String refusal = this.rules.sendRefusal(session.identity(), destination);
		if (refusal != null) {
			this.sessions.refuse(session, ErrorCode.INVALID_MESSAGE, refusal, Map.of("destination", destination));
			return null;
		}
		return message;
	}

	private void refresh(ClientSession session, Message<?> message) {
		String token = tokenOf(message.getPayload());
		if (token == null) {
			this.sessions.refuse(session, ErrorCode.INVALID_MESSAGE,
					"auth.refresh takes a JSON body {\"token\": \"<token>\"}", Map.of("destination", AUTH_REFRESH));
			return;
		}
		ClientIdentity identity;
		try {
			identity = this.authenticator.authenticate(token);
		}
		catch (ClientAuthenticationException ex) {
			this.sessions.refuse(session, ex.isExpired() ? ErrorCode.AUTH_EXPIRED : ErrorCode.AUTH_FAILED,
					ex.getMessage(), Map.of("destination", AUTH_REFRESH));
			return;
		}
		if (!identity.userId().equals(session.identity().userId())) {
			this.sessions.refuse(session, ErrorCode.AUTH_FAILED,
					"a refresh token must name the connection's user; connect again to change user",
					Map.of("destination", AUTH_REFRESH));
			return;
		}
		this.sessions.refreshed(session, identity);
		this.errors.reply(session.id(), Map.of("type", "auth_refreshed", "expires_at", String.valueOf(identity.expiresAt())));
	}

	private @Nullable String tokenOf(Object payload) {
		if (!(payload instanceof byte[] body)) {
			return null;
		}
		try {
			JsonNode token = this.json.readTree(new String(body, StandardCharsets.UTF_8)).get("token");
			return (token != null && token.isString() && !token.asString().isBlank()) ? token.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable Message<?> subscribe(Message<?> message, StompHeaderAccessor accessor, ClientSession session) {
		String destination = accessor.getDestination();
		String subscriptionId = accessor.getSubscriptionId();
		if (destination == null || subscriptionId == null) {
			return refuseSubscription(session, "SUBSCRIBE needs destination and id headers", destination, subscriptionId);
		}
		if (session.subscriptions().size() >= this.settings.maxSubscriptionsPerConnection()) {
			return refuseSubscription(session, "at most " + this.settings.maxSubscriptionsPerConnection()
					+ " subscriptions per connection", destination, subscriptionId);
		}
		String refusal = this.rules.refusal(session.identity(), destination);
		if (refusal == null && destination.startsWith(DestinationRules.JOB_PREFIX)) {
			String lastSeq = accessor.getFirstNativeHeader(LAST_SEQ);
			if (lastSeq != null && !NON_NEGATIVE.matcher(lastSeq.trim()).matches()) {
				refusal = "header last-seq must be a non-negative integer";
			}
		}
		if (refusal != null) {
			return refuseSubscription(session, refusal, destination, subscriptionId);
		}
		if (destination.startsWith(USER_QUEUES)) {
			// A broker that declares a queue per SUBSCRIBE (RabbitMQ) would keep a durable one per session forever.
			accessor.setNativeHeader("durable", "false");
			accessor.setNativeHeader("auto-delete", "true");
		}
		return message;
	}

	private @Nullable Message<?> refuseSubscription(ClientSession session, String reason, @Nullable String destination,
			@Nullable String subscriptionId) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (destination != null) {
			details.put("destination", destination);
		}
		if (subscriptionId != null) {
			details.put("subscription", subscriptionId);
		}
		this.sessions.refuse(session, ErrorCode.INVALID_SUBSCRIPTION, reason, details);
		return null;
	}

}
