package io.pneumatic.sim.load;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * One benchmark subscriber of one job ({@code /topic/jobs.{jobId}} over STOMP, or its SSE stream):
 * tallies what arrives and records latency, and the first-token latency of its job.
 *
 * <p>STOMP frames arrive as raw bytes and are parsed with Jackson 3 here (no message converter
 * involved). Called on its connection's WebSocket thread or its SSE stream's thread, one event at a time.
 */
final class LoadSubscription implements StompFrameHandler {

	private static final Logger logger = LoggerFactory.getLogger(LoadSubscription.class);

	private static final String TOKEN = "token";

	private final String jobId;

	private final JsonMapper jsonMapper;

	private final SplitLatency latency;

	private final CountDownLatch allSubscribed;

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private final SplitLatency firstTokenLatency;

	private final DeliveryTally tally = new DeliveryTally();

	/** Touched by the one thread that delivers this subscriber's events at a time. */
	private boolean firstTokenSeen;

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	/**
	 * @param latency records the latency of every event
	 * @param firstTokenLatency records the latency of the job's first {@code token} event, once
	 * @param allSubscribed counted down once the subscription is confirmed
	 */
	LoadSubscription(String jobId, JsonMapper jsonMapper, SplitLatency latency, SplitLatency firstTokenLatency,
			CountDownLatch allSubscribed) {
		this.jobId = jobId;
		this.jsonMapper = jsonMapper;
		this.latency = latency;
		this.firstTokenLatency = firstTokenLatency;
		this.allSubscribed = allSubscribed;
	}

	/** The job this subscriber watches. */
	String jobId() {
		return this.jobId;
	}

	/** The STOMP destination of the job. */
	String destination() {
		return "/topic/" + EventEnvelope.jobStream(this.jobId);
	}

	/** What arrived so far. */
	DeliveryTally tally() {
		return this.tally;
	}

	/** Marks the subscription as confirmed (RECEIPT or {@code replay_complete}), once. */
	void confirm() {
		if (this.subscribed.compareAndSet(false, true)) {
			this.allSubscribed.countDown();
		}
	}

	@Override
	public Type getPayloadType(StompHeaders headers) {
		return byte[].class;
	}

	@Override
	public void handleFrame(StompHeaders headers, @Nullable Object payload) {
		SplitLatency.Arrival arrival = SplitLatency.Arrival.now();
		if (payload instanceof byte[] bytes) {
			receive(this.jsonMapper.readTree(bytes), arrival);
		}
	}

	/** Tallies one envelope that arrived at {@code arrival}, whatever the transport. */
	void receive(JsonNode envelope, SplitLatency.Arrival arrival) {
		JsonNode seq = envelope.path("seq");
		if (!seq.isNumber()) {
			handleControl(envelope);
			return;
		}
		this.tally.record(seq.asLong());
		String type = envelope.path("type").asString("");
		JsonNode sentNanos = envelope.path("payload").path("sent_nanos");
		if (sentNanos.isNumber()) {
			Instant acceptedAt = Instant.parse(envelope.path("ts").asString());
			this.latency.record(sentNanos.asLong(), acceptedAt, arrival);
			if (TOKEN.equals(type) && !this.firstTokenSeen) {
				// Replay delivers in order, so the first token to arrive is the job's first token.
				this.firstTokenSeen = true;
				this.firstTokenLatency.record(sentNanos.asLong(), acceptedAt, arrival);
			}
		}
		if (EventTypes.DONE.equals(type)) {
			this.ended.complete(null);
		}
	}

	/** Whether the job's {@code done} arrived: its stream has ended. */
	boolean finished() {
		return this.ended.isDone();
	}

	/** Completes when the job's {@code done} arrives. */
	CompletableFuture<Void> ended() {
		return this.ended;
	}

	private void handleControl(JsonNode envelope) {
		String type = envelope.path("type").asString("");
		if (EventTypes.REPLAY_COMPLETE.equals(type)) {
			confirm();
		}
		else if (EventTypes.REPLAY_TRUNCATED.equals(type)) {
			logger.warn("event=replay_truncated job={} payload={}", this.jobId, envelope.path("payload"));
		}
	}

}
