package io.pneumatic.realtime.internal.relay;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

	@Override
	public void consume(List<EventEnvelope> batch) throws InterruptedException {
		List<EventEnvelope> events = batch.stream().filter((event) -> event.seq() != null).toList();
		if (events.isEmpty()) {
			return;
		}
		// A batch comes from one reader: all job events or all ops events.
		BrokerPublisher publisher = events.getFirst().isOps() ? this.opsPublisher : this.publisher;
		for (EventEnvelope event : events.subList(0, events.size() - 1)) {
			publisher.send(destination(event), event, this.jsonMapper.writeValueAsBytes(event));
		}
		EventEnvelope last = events.getLast();
		logger.debug("relay_batch events={} first={} last={}", events.size(), events.getFirst().seq(), last.seq());
		try {
			publisher.sendConfirmed(destination(last), last, this.jsonMapper.writeValueAsBytes(last))
				.get(this.receiptTimeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new BrokerUnavailableException("broker did not confirm a batch of " + events.size() + " events: "
					+ (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()));
		}
		events.forEach((event) -> this.routed.routed(event.type()));
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
