package io.pneumatic.realtime.internal.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.internal.log.EventLogConnections;

/**
 * Moves presence and channel events from {@code presence:events} to the broker
 * ({@code /topic/presence.{channel}}, {@code /topic/channels.{channel}}), in stream order, from one
 * instance at a time: the holder of the lease {@code presence:relay:holder}. The holder reads with a
 * blocking {@code XREAD} on a dedicated connection from the cursor {@code presence:relay:cursor}, sends
 * each event on the broker relay's system connection from its one thread (so the broker gets them in
 * order) and then moves the cursor. An instance that dies loses the lease within {@code relay-lease};
 * another resumes from the cursor, so events since its last move may reach the broker twice, with the
 * same seq.
 */
final class ChannelEventRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ChannelEventRelay.class);

	static final String CURSOR = "presence:relay:cursor";

	private static final int BATCH = 200;

	private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

	private final PresenceFunctions functions;

	private final EventLogConnections connections;

	private final SimpMessageSendingOperations broker;

	private final BooleanSupplier brokerAvailable;

	private final JsonMapper json;

	private final String instanceId;

	private final Duration lease;

	private final Duration block;

	private volatile @Nullable Thread reader;

	ChannelEventRelay(PresenceFunctions functions, EventLogConnections connections, SimpMessageSendingOperations broker,
			BooleanSupplier brokerAvailable, JsonMapper json, String instanceId, Duration lease) {
		this.functions = functions;
		this.connections = connections;
		this.broker = broker;
		this.brokerAvailable = brokerAvailable;
		this.json = json;
		this.instanceId = instanceId;
		this.lease = lease;
		this.block = lease.dividedBy(3);
	}

	@Override
	public synchronized void start() {
		this.reader = Thread.ofVirtual().name("channel-event-relay").start(this::run);
	}

	private void run() {
		StatefulRedisConnection<String, String> dedicated = null;
		String cursor = null;
		boolean failing = false;
		while (!Thread.currentThread().isInterrupted()) {
			try {
				if (!holdsLease() || !this.brokerAvailable.getAsBoolean()) {
					cursor = null;
					Thread.sleep(this.block);
					continue;
				}
				if (dedicated == null || !dedicated.isOpen()) {
					dedicated = this.connections.openDedicated("pneumatic-channel-relay", this.block);
				}
				if (cursor == null) {
					cursor = startCursor();
				}
				List<StreamMessage<String, String>> entries = dedicated.sync()
					.xread(XReadArgs.Builder.block(this.block.toMillis()).count(BATCH),
							XReadArgs.StreamOffset.from(PresenceFunctions.EVENTS, cursor));
				for (StreamMessage<String, String> entry : entries) {
					send(entry.getBody());
					cursor = entry.getId();
				}
				if (!entries.isEmpty()) {
					this.functions.commands().set(CURSOR, cursor);
				}
				failing = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				if (!failing && !Thread.currentThread().isInterrupted()) {
					logger.warn("channel_relay.failed cause=\"{}\"", NestedExceptionUtils.getMostSpecificCause(ex).toString());
				}
				failing = true;
				cursor = null;
				try {
					Thread.sleep(ERROR_PAUSE);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
		if (dedicated != null && dedicated.isOpen()) {
			dedicated.close();
		}
	}

	private boolean holdsLease() {
		Long held = this.functions.call("presence_relay_lease", ScriptOutputType.INTEGER, this.instanceId,
				Long.toString(this.lease.toMillis()));
		return held != null && held == 1;
	}

	/** Where the previous holder stopped; on the very first start, the end of the stream. */
	private String startCursor() {
		String stored = this.functions.commands().get(CURSOR);
		if (stored != null) {
			return stored;
		}
		List<StreamMessage<String, String>> last = this.functions.commands()
			.xrevrange(PresenceFunctions.EVENTS, Range.unbounded(), Limit.from(1));
		return last.isEmpty() ? "0-0" : last.getFirst().getId();
	}

	private void send(Map<String, String> fields) {
		String stream = fields.get("stream");
		EventEnvelope event = new EventEnvelope(stream, Long.parseLong(fields.get("seq")), fields.get("type"),
				Instant.ofEpochMilli(Long.parseLong(fields.get("ts"))), this.json.readTree(fields.get("payload")));
		this.broker.convertAndSend("/topic/" + stream, event);
	}

	@Override
	public synchronized void stop() {
		Thread current = this.reader;
		this.reader = null;
		if (current != null) {
			current.interrupt();
			try {
				current.join(this.block.plusSeconds(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}

}
