package io.pneumatic.realtime.internal.system;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.SystemBroadcast;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.relay.RelayHeaders;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import tools.jackson.databind.JsonNode;

/**
 * Sends the messages of {@code /topic/system} — the hub's {@code system_status} and workers'
 * broadcasts — numbered by one Redis counter shared by all instances, with the headers the relay
 * puts on every event.
 */
final class SystemMessages implements SystemBroadcast {

	static final String DESTINATION = "/topic/system";

	/** The counter behind the messages' {@code seq}. */
	static final String SEQ = "system:status:seq";

	private static final String STREAM = "system";

	private final EventLogConnections connections;

	private final SimpMessageSendingOperations broker;

	private final Clock clock;

	SystemMessages(EventLogConnections connections, SimpMessageSendingOperations broker, Clock clock) {
		this.connections = connections;
		this.broker = broker;
		this.clock = clock;
	}

	@Override
	public EventEnvelope broadcast(String type, JsonNode payload) {
		Instant now = this.clock.instant();
		long seq = this.connections.commands().incr(SEQ);
		EventEnvelope message = new EventEnvelope(STREAM, seq, type, now, payload);
		this.broker.convertAndSend(DESTINATION, message, Map.of(RelayHeaders.SEQ, Long.toString(seq), RelayHeaders.TYPE,
				type, RelayHeaders.PUBLISHED_AT, Long.toString(now.toEpochMilli())));
		return message;
	}

}
