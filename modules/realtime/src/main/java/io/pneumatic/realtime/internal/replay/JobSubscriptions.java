package io.pneumatic.realtime.internal.replay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of job-stream subscriptions of all STOMP sessions of this instance, each served by
 * its session's {@link SessionLane}.
 */
public final class JobSubscriptions {

	private static final Logger logger = LoggerFactory.getLogger(JobSubscriptions.class);

	/** Prefix of the receipts this registry adds to SUBSCRIBE frames; their RECEIPTs never reach clients. */
	static final String RECEIPT_PREFIX = "pneumatic-replay-";

	private static final String NEXT_MESSAGE_TASK_HEADER = "simpNextMessageTask";

	private final Map<String, SessionLane> lanes = new ConcurrentHashMap<>();

	private final EventLog eventLog;

	private final JsonMapper jsonMapper;

	private final ClientMessageWriter writer;

	private final ReplayOutcomes outcomes;

	JobSubscriptions(EventLog eventLog, JsonMapper jsonMapper, ClientMessageWriter writer, ReplayOutcomes outcomes) {
		this.eventLog = eventLog;
		this.outcomes = outcomes;
		this.jsonMapper = jsonMapper;
		this.writer = writer;
	}

	/** A client subscribed to a job stream; live messages for it are held until the broker confirms. */
	void subscribed(String sessionId, String subscriptionId, String jobId, @Nullable Long lastSeq, String receiptId) {
		SessionLane lane = this.lanes.computeIfAbsent(sessionId, SessionLane::new);
		logger.debug("job_subscription=requested session={} subscription={} job={} last_seq={}", sessionId,
				subscriptionId, jobId, lastSeq);
		lane.receipts().put(receiptId, subscriptionId);
		lane.submit(() -> lane.cursors().put(subscriptionId, new ReplayCursor<>(jobId, lastSeq)));
	}

	/**
	 * The broker sent a RECEIPT to this session. If it confirms a job subscription, the registry takes
	 * it over: replay starts, and a receipt the client asked for reaches it only once the subscription
	 * is live, so that every event published after the client saw it is delivered.
	 * @return whether the registry took the receipt over
	 */
	boolean receiptArrived(String sessionId, String receiptId, Message<byte[]> receipt) {
		SessionLane lane = this.lanes.get(sessionId);
		String subscriptionId = (lane != null) ? lane.receipts().remove(receiptId) : null;
		if (subscriptionId == null) {
			return false;
		}
		Message<byte[]> clean = withoutOrderingTask(receipt);
		lane.submit(() -> {
			ReplayCursor<Message<byte[]>> cursor = lane.cursors().get(subscriptionId);
			if (cursor != null) {
				cursor.onBrokerSubscribed(output(lane, subscriptionId, true));
				logger.debug("job_subscription=live session={} subscription={} next_seq={}", sessionId, subscriptionId,
						cursor.nextSeq());
			}
			if (!receiptId.startsWith(RECEIPT_PREFIX)) {
				this.writer.write(clean, true);
			}
		});
		return true;
	}

	/**
	 * A message with a sequence number came from the broker for a subscription of this session.
	 * @return whether the registry took it over (it always does for sessions it knows)
	 */
	boolean liveMessage(String sessionId, String subscriptionId, long seq, Message<byte[]> message) {
		SessionLane lane = this.lanes.get(sessionId);
		if (lane == null) {
			return false;
		}
		Message<byte[]> clean = withoutOrderingTask(message);
		// Most live messages go straight on, on the broker connection's thread: nothing to read, no client to wait for.
		if (!lane.runIfIdle(() -> deliverLive(lane, subscriptionId, seq, clean, false))) {
			lane.submit(() -> deliverLive(lane, subscriptionId, seq, clean, true));
		}
		return true;
	}

	/**
	 * Passes a live message to its subscription's cursor, as a task of the session's lane.
	 * @param mayBlock whether it may read the event log (a gap to fill) and wait for room at the client:
	 *     only on the lane's own thread
	 * @return false if it would have had to block, and did nothing
	 */
	private boolean deliverLive(SessionLane lane, String subscriptionId, long seq, Message<byte[]> message,
			boolean mayBlock) {
		if (!mayBlock && !this.writer.hasRoom(lane.sessionId())) {
			return false;
		}
		ReplayCursor<Message<byte[]>> cursor = lane.cursors().get(subscriptionId);
		if (cursor == null) {
			logger.debug("job_message=unknown_subscription session={} subscription={} seq={}", lane.sessionId(),
					subscriptionId, seq);
			this.writer.write(message, mayBlock);
			return true;
		}
		if (!mayBlock && cursor.readsLogFor(seq)) {
			return false;
		}
		cursor.onLive(seq, message, output(lane, subscriptionId, mayBlock));
		return true;
	}

	/** Whether a session's lane has nothing to run (for tests: the next live message may go straight on). */
	boolean laneIdle(String sessionId) {
		SessionLane lane = this.lanes.get(sessionId);
		return lane == null || lane.isIdle();
	}

	/** A client ended one subscription. */
	void unsubscribed(String sessionId, String subscriptionId) {
		SessionLane lane = this.lanes.get(sessionId);
		if (lane != null) {
			lane.receipts().values().remove(subscriptionId);
			lane.submit(() -> lane.cursors().remove(subscriptionId));
		}
	}

	/** A session ended; its lane and cursors go. */
	void disconnected(String sessionId) {
		this.lanes.remove(sessionId);
	}

	/** @param mayBlock whether writes may wait for room at the client: only on the lane's own thread */
	private CursorOutput<Message<byte[]>> output(SessionLane lane, String subscriptionId, boolean mayBlock) {
		return new EventLogOutput<>(this.eventLog, this.outcomes) {

			@Override
			public void deliverLive(Message<byte[]> message) {
				JobSubscriptions.this.writer.write(message, mayBlock);
			}

			@Override
			public void deliverFromLog(EventEnvelope event) {
				JobSubscriptions.this.writer.write(toMessage(lane.sessionId(), subscriptionId, event), mayBlock);
			}
		};
	}

	private Message<byte[]> toMessage(String sessionId, String subscriptionId, EventEnvelope event) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId(subscriptionId);
		accessor.setDestination("/topic/" + event.stream());
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		accessor.setMessageId(event.seq() != null ? "log-" + event.stream() + "-" + event.seq()
				: "ctl-" + event.stream() + "-" + System.nanoTime());
		if (event.seq() != null) {
			accessor.setNativeHeader("seq", Long.toString(event.seq()));
		}
		return MessageBuilder.createMessage(this.jsonMapper.writeValueAsBytes(event), accessor.getMessageHeaders());
	}

	/**
	 * Drops the ordering task that Spring's per-session decorator put on a broker message or receipt:
	 * the decorator moved on when the interceptor took the message over.
	 */
	private static Message<byte[]> withoutOrderingTask(Message<byte[]> message) {
		if (!message.getHeaders().containsKey(NEXT_MESSAGE_TASK_HEADER)) {
			return message;
		}
		MessageHeaderAccessor copy = MessageHeaderAccessor.getMutableAccessor(message);
		copy.removeHeader(NEXT_MESSAGE_TASK_HEADER);
		return MessageBuilder.createMessage(message.getPayload(), copy.getMessageHeaders());
	}

	/**
	 * Writes messages to their client sessions (Spring's sub-protocol WebSocket handler) at the client's
	 * pace: a lane may wait until the session can take a message, so that replays and bursts do not
	 * overflow its queue.
	 * @param handler writes a message to its session, never waiting
	 * @param awaitRoom waits until a session can take a message (or cuts it off)
	 * @param hasRoom whether a session can take a message now
	 */
	record ClientMessageWriter(Consumer<Message<byte[]>> handler, Consumer<String> awaitRoom, Predicate<String> hasRoom) {

		/** Writes a message, first waiting until its session has room if {@code mayWait}. */
		void write(Message<byte[]> message, boolean mayWait) {
			String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
			if (mayWait && sessionId != null) {
				this.awaitRoom.accept(sessionId);
			}
			this.handler.accept(message);
		}

		/** Whether a session can take a message without waiting. */
		boolean hasRoom(String sessionId) {
			return this.hasRoom.test(sessionId);
		}

	}

}
