package io.pneumatic.realtime.internal.relay;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays job events from the event log to {@code /topic/jobs.{jobId}}, and ops events to
 * {@code /topic/ops.{cluster}.{namespace}.{type}}, on the broker, which fans them out to subscribers.
 *
 * <p>Job and ops batches come from two reader threads; each kind has a broker connection of its own, so
 * a batch of one never waits for the other's receipt.
 */
public class BrokerRelay implements EventStreamConsumer, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BrokerRelay.class);

	/** The consumer group of the relay. */
	public static final String GROUP = "relay";

	private static final String DESTINATION_PREFIX = "/topic/";

	private static final int BATCHES_IN_FLIGHT = 8;

	private final BrokerPublisher publisher;

	private final BrokerPublisher opsPublisher;

	private final JsonMapper jsonMapper;

	private final long receiptTimeoutMillis;

	private final RoutedEvents routed;

	BrokerRelay(BrokerPublisher publisher, BrokerPublisher opsPublisher, JsonMapper jsonMapper, long receiptTimeoutMillis,
			RoutedEvents routed) {
		this.publisher = publisher;
		this.opsPublisher = opsPublisher;
		this.routed = routed;
		this.jsonMapper = jsonMapper;
		this.receiptTimeoutMillis = receiptTimeoutMillis;
	}

	@Override
	public String group() {
		return GROUP;
	}

	@Override
	public boolean consumesOpsEvents() {
		return true;
	}

	/** Sends a batch and waits for the broker to confirm it. */
	@Override
	public void consume(List<EventEnvelope> batch) throws Exception {
		try {
			consumeAsync(batch).toCompletableFuture().get(this.receiptTimeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * Sends a batch to the broker in one write and returns at once; the stage completes when the broker
	 * confirmed the batch with one RECEIPT (for its last message: the broker handles a connection's
	 * frames in order), and fails if the write fails or the RECEIPT is lost.
	 */
	@Override
	public CompletionStage<Void> consumeAsync(List<EventEnvelope> batch) {
		List<EventEnvelope> events = batch.stream().filter((event) -> event.seq() != null).toList();
		if (events.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		// A batch comes from one reader: all job events or all ops events.
		BrokerPublisher publisher = events.getFirst().isOps() ? this.opsPublisher : this.publisher;
		List<BrokerPublisher.Outgoing> messages = events.stream()
			.map((event) -> new BrokerPublisher.Outgoing(destination(event), event, this.jsonMapper.writeValueAsBytes(event)))
			.toList();
		logger.debug("relay_batch events={} first={} last={}", events.size(), events.getFirst().seq(), events.getLast().seq());
		return publisher.sendConfirmed(messages).thenRun(() -> events.forEach((event) -> this.routed.routed(event.type())));
	}

	/**
	 * The reader sends the next batches while the broker has yet to confirm earlier ones, so an event
	 * never waits for the RECEIPT of the batch before it. A lost RECEIPT fails its batch, which is sent
	 * again (with any later batch the broker did not confirm either).
	 */
	@Override
	public int batchesInFlight() {
		return BATCHES_IN_FLIGHT;
	}

	/** Ops events go to one destination per type, so that clients choose types with broker wildcards. */
	private static String destination(EventEnvelope event) {
		return event.isOps() ? DESTINATION_PREFIX + event.stream() + "." + event.type() : DESTINATION_PREFIX + event.stream();
	}

	/** Whether the relay's own broker connection for job events is up. */
	public boolean isConnected() {
		return this.publisher.isConnected();
	}

	@Override
	public void close() {
		this.publisher.close();
		this.opsPublisher.close();
	}

}
