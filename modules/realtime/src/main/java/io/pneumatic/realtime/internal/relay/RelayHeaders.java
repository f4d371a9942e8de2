package io.pneumatic.realtime.internal.relay;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.util.MimeTypeUtils;

/**
 * STOMP headers the relay adds to every event it sends to the broker, so that the hub's outbound
 * side can order, measure and acknowledge messages without parsing their bodies.
 */
public final class RelayHeaders {

	/** The event's per-stream sequence number. */
	public static final String SEQ = "seq";

	/** The event type ({@code token}, {@code alert_fired}…). */
	public static final String TYPE = "event-type";

	/** When the event log accepted the event, in epoch milliseconds. */
	public static final String PUBLISHED_AT = "published-at";

	/** {@code true} on {@linkplain EventTypes#isCritical critical} events, which clients must acknowledge. */
	public static final String CRITICAL = "critical";

	private RelayHeaders() {
	}

	/** The headers of one event sent to a broker destination. */
	static StompHeaders of(String destination, EventEnvelope event) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		if (event.seq() != null) {
			headers.set(SEQ, Long.toString(event.seq()));
		}
		headers.set(TYPE, event.type());
		headers.set(PUBLISHED_AT, Long.toString(event.ts().toEpochMilli()));
		if (EventTypes.isCritical(event.payload())) {
			headers.set(CRITICAL, "true");
		}
		return headers;
	}

}
