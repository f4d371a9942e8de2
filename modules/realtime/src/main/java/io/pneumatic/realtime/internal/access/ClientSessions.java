package io.pneumatic.realtime.internal.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.pneumatic.realtime.ClientIdentity;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The STOMP connections of this instance as access control sees them, and their token lifecycle:
 * a connection whose token expires gets an ERROR with {@code AUTH_EXPIRED} and is closed; a refresh
 * moves the deadline and re-checks every live subscription, ending those no longer allowed.
 *
 * <p>Concurrency model: sessions live in a concurrent map; expiry timers run on one virtual-thread
 * scheduler, which also renews the leases that count each connection for its user across instances.
 * Lifecycle: a session is opened by its CONNECT and forgotten on DISCONNECT or when its WebSocket closes.
 */
final class ClientSessions implements AutoCloseable {

	/** A message header (never a client's native header) that marks frames the hub makes itself. */
	static final String HUB_FRAME = "pneumatic.hubFrame";

	/** How long in-flight messages to an ending session get to be written before its ERROR. */
	private static final Duration ENDING_GRACE = Duration.ofMillis(250);

	private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timers = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("token-expiry").factory());

	private final DestinationRules rules;

	private final StompErrors errors;

	private final Supplier<MessageChannel> clientInbound;

	private final RateLimits limits;

	ClientSessions(DestinationRules rules, StompErrors errors, Supplier<MessageChannel> clientInbound, RateLimits limits,
			Duration connectionLease) {
		this.rules = rules;
		this.errors = errors;
		this.clientInbound = clientInbound;
		this.limits = limits;
		long renewEvery = Math.max(1, connectionLease.toMillis() / 3);
		this.timers.scheduleWithFixedDelay(this::renewConnections, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens a session unless its user holds the most connections already.
	 * @return whether the session was opened
	 */
	boolean open(ClientSession session) {
		ClientIdentity identity = session.identity();
		if (!identity.isAnonymous() && !this.limits.admitConnection(identity.userId(), session.id())) {
			return false;
		}
		this.sessions.put(session.id(), session);
		scheduleExpiry(session);
		return true;
	}

	@Nullable ClientSession get(String sessionId) {
		return this.sessions.get(sessionId);
	}

	void closed(String sessionId) {
		ClientSession session = this.sessions.remove(sessionId);
		if (session != null) {
			session.expiry(null);
			if (!session.identity().isAnonymous()) {
				this.limits.releaseConnection(session.identity().userId(), sessionId);
			}
		}
	}

	/** The connection now runs on {@code identity}'s token: new deadline, subscriptions checked again. */
	void refreshed(ClientSession session, ClientIdentity identity) {
		session.identity(identity);
		scheduleExpiry(session);
		for (Map.Entry<String, String> subscription : List.copyOf(session.subscriptions().entrySet())) {
			String refusal = this.rules.refusal(identity, subscription.getValue());
			if (refusal != null) {
				end(session, subscription.getKey(), subscription.getValue(), refusal);
			}
		}
	}

	private void end(ClientSession session, String subscriptionId, String destination, String refusal) {
		StompHeaderAccessor unsubscribe = StompHeaderAccessor.create(StompCommand.UNSUBSCRIBE);
		unsubscribe.setSessionId(session.id());
		unsubscribe.setSubscriptionId(subscriptionId);
		unsubscribe.setDestination(destination);
		unsubscribe.setUser(session.identity());
		unsubscribe.setHeader(HUB_FRAME, true);
		this.clientInbound.get().send(MessageBuilder.createMessage(new byte[0], unsubscribe.getMessageHeaders()));
		refuse(session, ErrorCode.INVALID_SUBSCRIPTION,
				"subscription ended after the token refresh: " + refusal,
				Map.of("subscription", subscriptionId, "destination", destination));
	}

	private void scheduleExpiry(ClientSession session) {
		Instant expiresAt = session.identity().expiresAt();
		if (expiresAt == null) {
			session.expiry(null);
			return;
		}
		long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
		session.expiry(this.timers.schedule(() -> expired(session), delay, TimeUnit.MILLISECONDS));
	}

	/** Keeps this instance's connections counted; those of an instance that died run out with their lease. */
	private void renewConnections() {
		for (ClientSession session : this.sessions.values()) {
			if (!session.identity().isAnonymous()) {
				this.limits.admitConnection(session.identity().userId(), session.id());
			}
		}
	}

	private void expired(ClientSession session) {
		if (this.sessions.get(session.id()) == session) {
			end(session, ErrorCode.AUTH_EXPIRED,
					"the token expired; connect again with a fresh token and resume job streams with last-seq");
		}
	}

	/**
	 * Refuses a frame: a recoverable error when the client listens on {@code /user/queue/errors}, else
	 * the end of the session, since a client that hears no errors would never learn why nothing happens.
	 */
	void refuse(ClientSession session, ErrorCode code, String message, Map<String, Object> details) {
		if (session.hearsErrors()) {
			this.errors.recoverable(session.id(), code, message, details);
		}
		else {
			end(session, code, message);
		}
	}

	/**
	 * Ends a session with an ERROR frame, once. Its frames are dropped from now on, and the ERROR goes
	 * out a moment later: Spring closes the socket right after writing an ERROR, and a frame still
	 * queued behind another thread's write (a message in flight to this client) would be lost with it.
	 */
	void end(ClientSession session, ErrorCode code, String message) {
		if (session.startEnding()) {
			this.timers.schedule(() -> this.errors.fatal(session.id(), code, message), ENDING_GRACE.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void close() {
		this.timers.shutdownNow();
	}

}
