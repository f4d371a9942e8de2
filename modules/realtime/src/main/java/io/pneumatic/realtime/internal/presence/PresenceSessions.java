package io.pneumatic.realtime.internal.presence;

import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import io.pneumatic.realtime.ClientIdentity;
import io.pneumatic.realtime.Presence;
import io.pneumatic.realtime.PresenceEntity;

/**
 * Makes STOMP clients present in the channels they watch: a session that subscribes to
 * {@code /topic/presence.{channel}} or {@code /topic/channels.{channel}} (access control let it) is a
 * connection of its user in that channel until it unsubscribes from both or disconnects. Its entity is
 * an {@code agent} for the {@code worker} role, a {@code service} for the {@code service} role, else a
 * {@code user}.
 *
 * <p>Concurrency model: the sessions of this instance live in a concurrent map, each changed under its
 * own lock (frames of one session arrive on several threads). One virtual-thread timer renews every lease
 * each renew interval and announces again a connection whose lease ran out meanwhile (a long pause, a
 * Redis restart). Lifecycle: leases stop being renewed when the context stops, so an instance that is
 * killed takes its clients offline within the lease.
 */
final class PresenceSessions implements ApplicationListener<AbstractSubProtocolEvent>, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PresenceSessions.class);

	private static final Pattern CHANNEL_TOPIC = Pattern.compile("/topic/(?:presence|channels)\\.([A-Za-z0-9_-]{1,64})");

	private final Presence presence;

	private final String instanceId;

	private final Map<String, SessionPresence> sessions = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService timer;

	PresenceSessions(Presence presence, String instanceId) {
		this.presence = presence;
		this.instanceId = instanceId;
	}

	@Override
	public void onApplicationEvent(AbstractSubProtocolEvent event) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(event.getMessage());
		String sessionId = headers.getSessionId();
		if (sessionId == null) {
			return;
		}
		try {
			switch (event) {
				case SessionSubscribeEvent subscribe -> subscribed(sessionId, event.getUser(), headers);
				case SessionUnsubscribeEvent unsubscribe -> unsubscribed(sessionId, headers.getSubscriptionId());
				case SessionDisconnectEvent disconnect -> disconnected(sessionId);
				default -> {
				}
			}
		}
		catch (RuntimeException ex) {
			// The renewal announces it again; the client's subscription itself stands.
			logger.warn("presence.update_failed session={} cause=\"{}\"", sessionId,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	private void subscribed(String sessionId, @Nullable Principal user, SimpMessageHeaderAccessor headers) {
		String destination = headers.getDestination();
		String subscriptionId = headers.getSubscriptionId();
		if (!(user instanceof ClientIdentity identity) || identity.isAnonymous() || destination == null
				|| subscriptionId == null) {
			return;
		}
		Matcher topic = CHANNEL_TOPIC.matcher(destination);
		if (!topic.matches()) {
			return;
		}
		SessionPresence session = this.sessions.computeIfAbsent(sessionId,
				(id) -> new SessionPresence(this.instanceId + ":" + id, entityOf(identity)));
		String channel = topic.group(1);
		synchronized (session) {
			if (session.subscribe(channel, subscriptionId)) {
				this.presence.announce(channel, session.connectionId, session.entity(channel));
			}
		}
	}

	private void unsubscribed(String sessionId, @Nullable String subscriptionId) {
		SessionPresence session = this.sessions.get(sessionId);
		if (session == null || subscriptionId == null) {
			return;
		}
		synchronized (session) {
			String channel = session.unsubscribe(subscriptionId);
			if (channel != null) {
				this.presence.leave(channel, session.connectionId);
			}
		}
	}

	private void disconnected(String sessionId) {
		SessionPresence session = this.sessions.remove(sessionId);
		if (session == null) {
			return;
		}
		synchronized (session) {
			for (String channel : session.channels()) {
				this.presence.leave(channel, session.connectionId);
			}
			session.clear();
		}
	}

	/**
	 * Changes the status a session shows in a channel.
	 * @return false when the session is not present in that channel
	 */
	boolean changeStatus(String sessionId, String channel, String status) {
		SessionPresence session = this.sessions.get(sessionId);
		if (session == null) {
			return false;
		}
		synchronized (session) {
			if (!session.channels().contains(channel)) {
				return false;
			}
			session.statuses.put(channel, status);
			this.presence.announce(channel, session.connectionId, session.entity(channel));
			return true;
		}
	}

	private void renewAll() {
		for (SessionPresence session : this.sessions.values()) {
			synchronized (session) {
				for (String channel : session.channels()) {
					try {
						if (!this.presence.renew(channel, session.connectionId)) {
							this.presence.announce(channel, session.connectionId, session.entity(channel));
						}
					}
					catch (RuntimeException ex) {
						logger.warn("presence.renew_failed channel={} cause=\"{}\"", channel,
								NestedExceptionUtils.getMostSpecificCause(ex).toString());
						return;
					}
				}
			}
		}
	}

	private static PresenceEntity entityOf(ClientIdentity identity) {
		String type = identity.hasRole("worker") ? PresenceEntity.AGENT
				: identity.hasRole("service") ? PresenceEntity.SERVICE : PresenceEntity.USER;
		return new PresenceEntity(type, identity.userId(), PresenceEntity.ONLINE, List.of());
	}

	@Override
	public synchronized void start() {
		long every = this.presence.renewInterval().toMillis();
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("presence-renewal").factory());
		scheduler.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
		this.timer = scheduler;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.timer;
		this.timer = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

	/** The channels one session is present in, through which subscriptions, and with which status. */
	private static final class SessionPresence {

		private final String connectionId;

		private final PresenceEntity entity;

		/** Subscription id to channel. */
		private final Map<String, String> subscriptions = new HashMap<>();

		private final Map<String, String> statuses = new HashMap<>();

		SessionPresence(String connectionId, PresenceEntity entity) {
			this.connectionId = connectionId;
			this.entity = entity;
		}

		/** Returns whether this is the session's first subscription in the channel. */
		boolean subscribe(String channel, String subscriptionId) {
			boolean first = !this.subscriptions.containsValue(channel);
			this.subscriptions.put(subscriptionId, channel);
			return first;
		}

		/** Returns the channel the session is no longer present in, if this was its last subscription there. */
		@Nullable String unsubscribe(String subscriptionId) {
			String channel = this.subscriptions.remove(subscriptionId);
			if (channel == null || this.subscriptions.containsValue(channel)) {
				return null;
			}
			this.statuses.remove(channel);
			return channel;
		}

		Set<String> channels() {
			return new HashSet<>(this.subscriptions.values());
		}

		PresenceEntity entity(String channel) {
			return this.entity.withStatus(this.statuses.getOrDefault(channel, PresenceEntity.ONLINE));
		}

		void clear() {
			this.subscriptions.clear();
			this.statuses.clear();
		}

	}

}
