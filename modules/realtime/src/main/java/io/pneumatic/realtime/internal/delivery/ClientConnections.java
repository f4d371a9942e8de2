package io.pneumatic.realtime.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.pneumatic.realtime.ConnectedClient;
import io.pneumatic.realtime.StreamingClients;
import io.pneumatic.realtime.UndeliveredEvent;
import io.pneumatic.realtime.internal.access.StompAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * The WebSocket connections of this instance as the delivery layer runs them: each session becomes a
 * {@link ClientConnection} with its own outbound queue and writer; a watchdog ends connections that
 * block a write past the send time limit, stop their heart-beats or sit idle; at shutdown every client
 * is told to reconnect later.
 *
 * <p>Concurrency model: connections live in a concurrent map; the watchdog, close timers and
 * acknowledgement timeouts run on one virtual-thread scheduler.
 */
final class ClientConnections implements WebSocketHandlerDecoratorFactory, ClientConnection.ConnectionEvents,
		StreamingClients, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClientConnections.class);

	/** How long a connection's last frame gets to be written before its socket is closed anyway. */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

	private static final Duration WATCHDOG_TICK = Duration.ofSeconds(1);

	private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler;

	private final DeliverySettings settings;

	private final StompAccess access;

	private final DeliveryMetrics metrics;

	private final CriticalDeliveries critical;

	private final UndeliveredEvents undelivered;

	private final Clock clock;

	private final String instanceId;

	ClientConnections(String instanceId, DeliverySettings settings, StompAccess access, MeterRegistry registry,
			UndeliveredEvents undelivered, Clock clock) {
		this.instanceId = instanceId;
		this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ws-delivery").factory());
		this.settings = settings;
		this.access = access;
		this.metrics = new DeliveryMetrics(registry, this::subscriptionCount);
		this.undelivered = undelivered;
		this.critical = new CriticalDeliveries(this.scheduler, undelivered, this.metrics, settings.ackTimeout(),
				settings.ackAttempts(), access::userId);
		this.clock = clock;
		this.scheduler.scheduleWithFixedDelay(this::watch, WATCHDOG_TICK.toMillis(), WATCHDOG_TICK.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				DeliverySettings settings = ClientConnections.this.settings;
				ClientConnection connection = new ClientConnection(session, settings.queueSize(),
						settings.sendBufferSize().toBytes(), settings.sendTimeLimit(), ClientConnections.this,
						ClientConnections.this.clock);
				ClientConnections.this.connections.put(session.getId(), connection);
				ClientConnections.this.metrics.opened();
				super.afterConnectionEstablished(connection);
			}

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				ClientConnection connection = ClientConnections.this.connections.get(session.getId());
				boolean heartbeat = isHeartbeat(message);
				if (!heartbeat) {
					ClientConnections.this.metrics.received();
				}
				if (connection != null) {
					connection.received(heartbeat);
				}
				super.handleMessage((connection != null) ? connection : session, message);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				ClientConnection connection = ClientConnections.this.connections.remove(session.getId());
				if (connection != null) {
					if (connection.closed()) {
						ClientConnections.this.metrics.disconnected(DisconnectNotice.sendTimeLimit().reason());
					}
					ClientConnections.this.metrics.closed();
					ClientConnections.this.critical.closed(session.getId());
				}
				super.afterConnectionClosed((connection != null) ? connection : session, closeStatus);
			}

		};
	}

	/** A client's CONNECT asked to send heart-beats every {@code millis} (0: never). */
	void clientHeartbeat(String sessionId, long millis) {
		ClientConnection connection = this.connections.get(sessionId);
		if (connection != null) {
			connection.clientHeartbeat(millis);
		}
	}

	/**
	 * Holds a writer that can wait (a job stream's lane) until the client's queue has room, so that a
	 * replay goes at the client's pace; a client that makes no room within the send time limit is
	 * cut off.
	 */
	void awaitRoom(String sessionId) {
		ClientConnection connection = this.connections.get(sessionId);
		if (connection != null && !connection.awaitRoom(this.settings.sendTimeLimit())) {
			connection.end(DisconnectNotice.slowConsumer(connection.queued()));
		}
	}

	/** Whether a client's queue is at most half full now (or the client is gone or going). */
	boolean hasRoom(String sessionId) {
		ClientConnection connection = this.connections.get(sessionId);
		return connection == null || connection.awaitRoom(Duration.ZERO);
	}

	/** A client acknowledged a critical event. */
	boolean acknowledge(String sessionId, String ackId) {
		return this.critical.acknowledged(sessionId, ackId);
	}

	@Override
	public OutboundFrame critical(ClientConnection connection, OutboundFrame frame) {
		return this.critical.register(connection, frame);
	}

	@Override
	public void dropped(ClientConnection connection, OutboundFrame frame) {
		this.metrics.dropped(StreamFamily.of(frame.header("destination")));
	}

	@Override
	public void written(ClientConnection connection, OutboundFrame frame, long lag) {
		this.metrics.written(DeliveryHeaders.publishedAt(frame), lag);
	}

	@Override
	public void ending(ClientConnection connection, DisconnectNotice notice) {
		this.metrics.disconnected(notice.reason());
		closing(connection, notice.closeStatus());
	}

	@Override
	public void sendFailed(ClientConnection connection) {
		this.metrics.disconnected("send_failed");
	}

	@Override
	public void closing(ClientConnection connection, CloseStatus status) {
		this.scheduler.schedule(() -> {
			if (this.connections.get(connection.getId()) == connection) {
				connection.closeNow(status);
			}
		}, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Tells every client that the server is going away, each with its own reconnect delay so that they
	 * do not all come back at once, and waits (up to a few seconds) until the notices are out.
	 */
	void shutdown() {
		long base = this.settings.reconnectAfter().toMillis();
		this.connections.values().forEach((connection) -> connection
			.end(DisconnectNotice.serverShutdown(base + ThreadLocalRandom.current().nextLong(base + 1))));
		long deadline = this.clock.millis() + CLOSE_GRACE.toMillis() * 2;
		while (!this.connections.isEmpty() && this.clock.millis() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		logger.info("ws.shutdown notified_clients_left={}", this.connections.size());
	}

	private void watch() {
		long now = this.clock.millis();
		for (ClientConnection connection : this.connections.values()) {
			try {
				watch(connection, now);
			}
			catch (RuntimeException ex) {
				logger.warn("ws.watchdog_failed session={} cause={}", connection.getId(), ex.toString());
			}
		}
	}

	private void watch(ClientConnection connection, long now) {
		long sendingSince = connection.sendingSinceMillis();
		if (sendingSince > 0 && now - sendingSince > this.settings.sendTimeLimit().toMillis()) {
			DisconnectNotice notice = DisconnectNotice.sendTimeLimit();
			if (connection.end(notice)) {
				// The writer is stuck on this client's socket: the notice cannot get past it.
				connection.closeNow(notice.closeStatus());
			}
			return;
		}
		long heartbeat = connection.expectedHeartbeatMillis();
		long silent = now - connection.lastHeartbeatMillis();
		// STOMP clients check for write inactivity at half their interval: a gap of 1.5 intervals is normal.
		if (heartbeat > 0 && silent > heartbeat * 3 / 2 + this.settings.heartbeatGrace().toMillis()) {
			connection.end(DisconnectNotice.heartbeatTimeout(silent));
			return;
		}
		Map<String, String> subscriptions = this.access.subscriptions(connection.getId());
		connection.retainSubscriptions(subscriptions.keySet());
		long idle = now - connection.lastFrameMillis();
		if (idle > this.settings.idleTimeout().toMillis() && subscriptions.isEmpty()) {
			connection.end(DisconnectNotice.idleTimeout(idle));
		}
	}

	private int subscriptionCount() {
		return this.connections.keySet().stream().mapToInt((id) -> this.access.subscriptions(id).size()).sum();
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public List<ConnectedClient> clients() {
		return this.connections.values()
			.stream()
			.sorted(Comparator.comparing(ClientConnection::connectedAt))
			.map(this::describe)
			.toList();
	}

	private ConnectedClient describe(ClientConnection connection) {
		String id = connection.getId();
		Map<String, Long> delivered = connection.deliveredSeqs();
		List<ConnectedClient.Subscription> subscriptions = this.access.subscriptions(id)
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> new ConnectedClient.Subscription(entry.getKey(), entry.getValue(), delivered.get(entry.getKey())))
			.toList();
		return new ConnectedClient(id, this.access.userId(id), connection.connectedAt(), connection.sent(),
				connection.dropped(), connection.queued(), this.critical.pending(id), subscriptions);
	}

	@Override
	public List<UndeliveredEvent> undelivered(int limit) {
		return this.undelivered.newest(limit);
	}

	private static boolean isHeartbeat(WebSocketMessage<?> message) {
		return message instanceof TextMessage text && text.getPayload().isBlank();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
