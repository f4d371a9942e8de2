package io.pneumatic.realtime.internal.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays job events from the event log to {@code /topic/jobs.{jobId}} on the broker, which fans them
 * out to subscribers.
 */
public class BrokerRelay implements EventStreamConsumer, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BrokerRelay.class);

	/** The consumer group of the relay. */
	public static final String GROUP = "relay";

	private static final String DESTINATION_PREFIX = "/topic/";

	private final BrokerPublisher publisher;

	private final JsonMapper jsonMapper;

	private final long receiptTimeoutMillis;

	BrokerRelay(BrokerPublisher publisher, JsonMapper jsonMapper, long receiptTimeoutMillis) {
		this.publisher = publisher;
		this.jsonMapper = jsonMapper;
		this.receiptTimeoutMillis = receiptTimeoutMillis;
	}

	@Override
	public String group() {
		return GROUP;
	}

	@Override
	public void consume(List<EventEnvelope> batch) throws InterruptedException {
		List<CompletableFuture<Void>> confirmations = new ArrayList<>(batch.size());
		for (EventEnvelope event : batch) {
			Long seq = event.seq();
			if (seq == null) {
				continue;
			}
			confirmations.add(this.publisher.send(DESTINATION_PREFIX + event.stream(), seq,
					this.jsonMapper.writeValueAsBytes(event)));
		}
		logger.debug("relay_batch events={} first={} last={}", batch.size(), batch.getFirst().seq(), batch.getLast().seq());
		try {
			CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new))
				.get(this.receiptTimeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new BrokerUnavailableException("broker did not confirm a batch of " + batch.size() + " events: "
					+ (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()));
		}
	}

	/** Whether the relay's own broker connection is up. */
	public boolean isConnected() {
		return this.publisher.isConnected();
	}

	@Override
	public void close() {
		this.publisher.close();
	}

}
