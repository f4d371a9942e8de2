package io.pneumatic.realtime.internal.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.pneumatic.realtime.internal.relay.RelayHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * One client's WebSocket (or SockJS) session as the hub writes to it: frames wait in a bounded
 * {@link OutboundQueue} and one virtual thread writes them, so a slow client only ever holds up
 * itself. Spring's STOMP handler sees a session whose {@code sendMessage} never blocks.
 *
 * <p>Also keeps what the delivery layer needs to know about the connection: when it last sent
 * anything, its negotiated heart-beat, and the last sequence number written per subscription.
 */
final class ClientConnection extends WebSocketSessionDecorator {

	private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

	private static final Duration WRITER_POLL = Duration.ofSeconds(1);

	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final OutboundQueue<Outgoing> queue;

	private final ConnectionEvents events;

	private final Clock clock;

	private final Instant connectedAt;

	private final AtomicBoolean ending = new AtomicBoolean();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final Map<String, Long> deliveredSeqs = new ConcurrentHashMap<>();

	private final Map<String, Long> queuedSeqs = new ConcurrentHashMap<>();

	private volatile long lastFrameMillis;

	private volatile long lastHeartbeatMillis;

	private volatile long sendingSinceMillis;

	private volatile long clientHeartbeatMillis;

	private volatile long expectedHeartbeatMillis;

	private volatile boolean open = true;

	private final Duration sendTimeLimit;

	/**
	 * @param sendTimeLimit how long one write may block; the container is told so, and gives up on it then
	 */
	ClientConnection(WebSocketSession delegate, int queueSize, long bufferBytes, Duration sendTimeLimit,
			ConnectionEvents events, Clock clock) {
		super(delegate);
		this.sendTimeLimit = sendTimeLimit;
		this.queue = new OutboundQueue<>(queueSize, bufferBytes);
		this.events = events;
		this.clock = clock;
		this.connectedAt = clock.instant();
		this.lastFrameMillis = clock.millis();
		this.lastHeartbeatMillis = this.lastFrameMillis;
		limitBlockingSends(sendTimeLimit);
		Thread.ofVirtual().name("ws-writer-" + delegate.getId()).start(this::write);
	}

	/** Queues a frame for the client; never blocks. */
	@Override
	public void sendMessage(WebSocketMessage<?> message) {
		if (this.ending.get()) {
			return;
		}
		OutboundFrame frame = OutboundFrame.parse(text(message));
		if (frame.isHeartbeat()) {
			if (this.queue.isEmpty()) {
				this.queue.offer(new Outgoing.Frame(frame, message), true, 1);
			}
			return;
		}
		if ("CONNECTED".equals(frame.command())) {
			negotiated(frame.header("heart-beat"));
		}
		if (frame.isMessage() && "true".equals(frame.header(RelayHeaders.CRITICAL))) {
			frame = this.events.critical(this, frame);
			message = new TextMessage(frame.text());
		}
		offer(frame, message);
	}

	/**
	 * Waits until the queue is at most half full, for a writer that can wait.
	 * @return whether there was room within {@code timeout} (or the connection is ending anyway)
	 */
	boolean awaitRoom(Duration timeout) {
		if (this.ending.get()) {
			return true;
		}
		try {
			return this.queue.awaitRoom(timeout) || this.ending.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	/** Sends a critical event again, marked as redelivered. */
	void redeliver(OutboundFrame frame) {
		if (!this.ending.get()) {
			OutboundFrame again = frame.withHeader(DeliveryHeaders.REDELIVERED, "true");
			offer(again, new TextMessage(again.text()));
		}
	}

	private void offer(OutboundFrame frame, WebSocketMessage<?> message) {
		String subscription = frame.header("subscription");
		Long seq = DeliveryHeaders.seq(frame);
		if (subscription != null && seq != null) {
			this.queuedSeqs.merge(subscription, seq, Math::max);
		}
		StreamFamily family = StreamFamily.of(frame.header("destination"));
		OutboundQueue.Offer<Outgoing> offer = this.queue.offer(new Outgoing.Frame(frame, message), family.droppable(),
				message.getPayloadLength());
		for (Outgoing gone : offer.dropped()) {
			this.dropped.incrementAndGet();
			this.events.dropped(this, ((Outgoing.Frame) gone).frame());
		}
		if (offer.outcome() == OutboundQueue.Outcome.OVERFLOW) {
			end(DisconnectNotice.slowConsumer(this.queue.size()));
		}
	}

	/**
	 * Ends the connection with a notice: what is queued is dropped, the notice is the last frame, and
	 * the socket closes after it (or when the close timer of {@link ClientConnections} fires first).
	 * @return whether this call ended it (false if it was ending already)
	 */
	boolean end(DisconnectNotice notice) {
		if (!this.ending.compareAndSet(false, true)) {
			return false;
		}
		logger.info("ws.disconnect session={} reason={}", getId(), notice.reason());
		this.queue.replaceAllWith(new Outgoing.Frame(OutboundFrame.parse(notice.frame()), new TextMessage(notice.frame())));
		this.queue.append(new Outgoing.Close(notice.closeStatus()));
		this.events.ending(this, notice);
		return true;
	}

	/**
	 * Closes the socket once the frames queued before are written (Spring closes right after an
	 * ERROR frame), or when the close timer of {@link ClientConnections} fires first.
	 */
	@Override
	public void close(CloseStatus status) {
		if (this.ending.compareAndSet(false, true)) {
			this.queue.append(new Outgoing.Close(status));
			this.events.closing(this, status);
		}
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	/**
	 * Closes the socket now, from another thread than the writer's: the container is told not to wait
	 * for a write stuck on this client, so the close cannot get stuck behind it.
	 */
	void closeNow(CloseStatus status) {
		this.open = false;
		limitBlockingSends(Duration.ofMillis(1));
		Thread.ofVirtual().name("ws-close-" + getId()).start(() -> closeQuietly(status));
	}

	/** Bounds how long the container blocks one write to this client (Tomcat; other containers ignore it). */
	private void limitBlockingSends(Duration limit) {
		if (WebSocketSessionDecorator.unwrap(getDelegate()) instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof jakarta.websocket.Session session) {
			session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, limit.toMillis());
		}
	}

	/** A frame came from the client; heart-beats keep it alive but do not make it active. */
	void received(boolean heartbeat) {
		long now = this.clock.millis();
		this.lastHeartbeatMillis = now;
		if (!heartbeat) {
			this.lastFrameMillis = now;
		}
	}

	/** The client's CONNECT asked to send heart-beats every {@code millis} (0: never). */
	void clientHeartbeat(long millis) {
		this.clientHeartbeatMillis = millis;
	}

	private void negotiated(@Nullable String heartbeat) {
		long serverWants = 0;
		if (heartbeat != null && heartbeat.contains(",")) {
			try {
				serverWants = Long.parseLong(heartbeat.substring(heartbeat.indexOf(',') + 1).trim());
			}
			catch (NumberFormatException ex) {
				serverWants = 0;
			}
		}
		long client = this.clientHeartbeatMillis;
		this.expectedHeartbeatMillis = (client > 0 && serverWants > 0) ? Math.max(client, serverWants) : 0;
	}

	private void write() {
		while (this.open) {
			Outgoing next;
			try {
				next = this.queue.take(WRITER_POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (next instanceof Outgoing.Close close) {
				this.open = false;
				closeQuietly(close.status());
			}
			else if (next instanceof Outgoing.Frame frame && this.open) {
				send(frame);
			}
		}
	}

	private void send(Outgoing.Frame frame) {
		this.sendingSinceMillis = this.clock.millis();
		try {
			getDelegate().sendMessage(frame.message());
		}
		catch (IOException | RuntimeException ex) {
			// A client gone away, or one whose write outlasted the container's blocking-send timeout.
			logger.debug("ws.send_failed session={} cause={}", getId(), ex.toString());
			if (this.ending.compareAndSet(false, true)) {
				if (this.clock.millis() - this.sendingSinceMillis >= this.sendTimeLimit.toMillis()) {
					this.events.ending(this, DisconnectNotice.sendTimeLimit());
				}
				else {
					this.events.sendFailed(this);
				}
			}
			this.open = false;
			closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
			return;
		}
		finally {
			this.sendingSinceMillis = 0;
		}
		if (frame.frame().isMessage()) {
			this.sent.incrementAndGet();
			String subscription = frame.frame().header("subscription");
			Long seq = DeliveryHeaders.seq(frame.frame());
			long lag = -1;
			if (subscription != null && seq != null) {
				this.deliveredSeqs.put(subscription, seq);
				lag = Math.max(0, this.queuedSeqs.getOrDefault(subscription, seq) - seq);
			}
			this.events.written(this, frame.frame(), lag);
		}
	}

	private void closeQuietly(CloseStatus status) {
		try {
			getDelegate().close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("ws.close_failed session={} cause={}", getId(), ex.toString());
		}
	}

	/**
	 * The connection closed: the writer stops.
	 * @return whether the container closed it while a write was stuck past the send time limit (it
	 *     gives up on such writes itself, and may report that before the writer hears of it)
	 */
	boolean closed() {
		long sendingSince = this.sendingSinceMillis;
		boolean stuck = sendingSince > 0 && this.clock.millis() - sendingSince >= this.sendTimeLimit.toMillis();
		this.open = false;
		return !this.ending.getAndSet(true) && stuck;
	}

	Instant connectedAt() {
		return this.connectedAt;
	}

	long sent() {
		return this.sent.get();
	}

	long dropped() {
		return this.dropped.get();
	}

	int queued() {
		return this.queue.size();
	}

	/** Forgets the sequence numbers of subscriptions that ended. */
	void retainSubscriptions(Set<String> live) {
		this.deliveredSeqs.keySet().retainAll(live);
		this.queuedSeqs.keySet().retainAll(live);
	}

	/** The last sequence number written per subscription id. */
	Map<String, Long> deliveredSeqs() {
		return Map.copyOf(this.deliveredSeqs);
	}

	/** Since when the current write is blocked, in epoch milliseconds; 0 when no write is under way. */
	long sendingSinceMillis() {
		return this.sendingSinceMillis;
	}

	/** When the client last sent anything at all, heart-beats included. */
	long lastHeartbeatMillis() {
		return this.lastHeartbeatMillis;
	}

	/** When the client last sent a frame other than a heart-beat. */
	long lastFrameMillis() {
		return this.lastFrameMillis;
	}

	/** How often the client agreed to send heart-beats; 0 if it did not. */
	long expectedHeartbeatMillis() {
		return this.expectedHeartbeatMillis;
	}

	private static String text(WebSocketMessage<?> message) {
		if (message instanceof TextMessage text) {
			return text.getPayload();
		}
		if (message instanceof BinaryMessage binary) {
			// Headers are ASCII; the body is not needed.
			ByteBuffer payload = binary.getPayload().duplicate();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
		return "";
	}

	/** What the writer takes from the queue. */
	sealed interface Outgoing {

		/** A frame and the WebSocket message that carries it. */
		record Frame(OutboundFrame frame, WebSocketMessage<?> message) implements Outgoing {
		}

		/** Close the socket. */
		record Close(CloseStatus status) implements Outgoing {
		}

	}

	/** What a connection reports to the registry. */
	interface ConnectionEvents {

		/** A critical event is about to be queued; returns it with its {@code ack-id}. */
		OutboundFrame critical(ClientConnection connection, OutboundFrame frame);

		/** A frame was dropped to make room. */
		void dropped(ClientConnection connection, OutboundFrame frame);

		/**
		 * A MESSAGE frame was written to the socket.
		 * @param lag how many events of its subscription were queued behind it; -1 outside sequenced streams
		 */
		void written(ClientConnection connection, OutboundFrame frame, long lag);

		/** The hub is ending the connection with a notice. */
		void ending(ClientConnection connection, DisconnectNotice notice);

		/** A write to the socket failed; the connection is closed. */
		void sendFailed(ClientConnection connection);

		/** The connection is closing once its queue is written. */
		void closing(ClientConnection connection, CloseStatus status);

	}

}
