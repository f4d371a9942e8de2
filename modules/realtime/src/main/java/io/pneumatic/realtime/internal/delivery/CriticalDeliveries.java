package io.pneumatic.realtime.internal.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.pneumatic.realtime.UndeliveredEvent;
import io.pneumatic.realtime.internal.relay.RelayHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledged delivery of critical events: each one written to a client carries an {@code ack-id};
 * until the client sends {@code /app/ack} with it, the event is sent again after the ack timeout,
 * doubled each time, up to the configured number of attempts. Then — or when the connection closes
 * first — it is recorded as undelivered.
 *
 * <p>Thread-safe: registrations come from the STOMP handler, acknowledgements from the inbound
 * channel, redeliveries from the shared scheduler.
 */
final class CriticalDeliveries {

	private static final Logger logger = LoggerFactory.getLogger(CriticalDeliveries.class);

	private final Map<String, Map<String, Pending>> pendingBySession = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final ScheduledExecutorService scheduler;

	private final UndeliveredEvents undelivered;

	private final DeliveryMetrics metrics;

	private final Duration ackTimeout;

	private final int attempts;

	private final Function<String, String> users;

	/**
	 * @param users the user id of a session id
	 */
	CriticalDeliveries(ScheduledExecutorService scheduler, UndeliveredEvents undelivered, DeliveryMetrics metrics,
			Duration ackTimeout, int attempts, Function<String, String> users) {
		this.users = users;
		this.scheduler = scheduler;
		this.undelivered = undelivered;
		this.metrics = metrics;
		this.ackTimeout = ackTimeout;
		this.attempts = attempts;
	}

	/** A critical event is about to be sent for the first time: it gets its {@code ack-id}. */
	OutboundFrame register(ClientConnection connection, OutboundFrame frame) {
		String ackId = Long.toString(this.ids.incrementAndGet());
		OutboundFrame tracked = frame.withHeader(DeliveryHeaders.ACK_ID, ackId);
		Pending pending = new Pending(connection, tracked, ackId);
		this.pendingBySession.computeIfAbsent(connection.getId(), (id) -> new ConcurrentHashMap<>()).put(ackId, pending);
		schedule(pending, 1);
		return tracked;
	}

	/**
	 * The client acknowledged an event.
	 * @return whether it was waiting for that acknowledgement (a repeated one is harmless)
	 */
	boolean acknowledged(String sessionId, String ackId) {
		Map<String, Pending> pending = this.pendingBySession.get(sessionId);
		boolean known = pending != null && pending.remove(ackId) != null;
		if (known) {
			this.metrics.acknowledged();
		}
		return known;
	}

	/** The connection closed: what it never acknowledged is undelivered. */
	void closed(String sessionId) {
		Map<String, Pending> pending = this.pendingBySession.remove(sessionId);
		if (pending != null) {
			pending.values().forEach((unacked) -> record(unacked, "connection_closed"));
		}
	}

	/** How many critical events of a session wait for their acknowledgement. */
	int pending(String sessionId) {
		Map<String, Pending> pending = this.pendingBySession.get(sessionId);
		return (pending != null) ? pending.size() : 0;
	}

	private void schedule(Pending pending, int attempt) {
		long delay = this.ackTimeout.toMillis() << Math.min(attempt - 1, 20);
		this.scheduler.schedule(() -> due(pending, attempt), delay, TimeUnit.MILLISECONDS);
	}

	private void due(Pending pending, int attempt) {
		Map<String, Pending> session = this.pendingBySession.get(pending.connection().getId());
		if (session == null || session.get(pending.ackId()) != pending) {
			return;
		}
		if (attempt >= this.attempts) {
			session.remove(pending.ackId());
			record(pending, "not_acknowledged");
			return;
		}
		logger.debug("critical.redeliver session={} ack_id={} attempt={}", pending.connection().getId(), pending.ackId(),
				attempt + 1);
		this.metrics.redelivered();
		pending.connection().redeliver(pending.frame());
		schedule(pending, attempt + 1);
	}

	private void record(Pending pending, String reason) {
		OutboundFrame frame = pending.frame();
		String sessionId = pending.connection().getId();
		logger.info("critical.undelivered session={} ack_id={} reason={}", sessionId, pending.ackId(), reason);
		this.metrics.undelivered(reason);
		this.undelivered.record(new UndeliveredEvent(Instant.now(), this.users.apply(sessionId), sessionId,
				String.valueOf(frame.header("destination")), DeliveryHeaders.seq(frame),
				String.valueOf(frame.header(RelayHeaders.TYPE)), reason));
	}

	private record Pending(ClientConnection connection, OutboundFrame frame, String ackId) {
	}

}
