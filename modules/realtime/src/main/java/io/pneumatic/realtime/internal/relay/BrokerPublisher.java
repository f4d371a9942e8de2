package io.pneumatic.realtime.internal.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.internal.broker.BrokerClient;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.TaskScheduler;

/**
 * A STOMP connection of the relay's own that sends to broker destinations and reports when the
 * broker confirmed each message with a RECEIPT.
 *
 * <p>Used by one thread at a time (the relay's reader); receipts complete on Netty threads. A batch
 * of messages goes to the socket in one write.
 */
class BrokerPublisher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BrokerPublisher.class);

	private final BrokerClient broker;

	private volatile @Nullable StompSession session;

	private final AtomicLong receipts = new AtomicLong();

	BrokerPublisher(BrokerSettings settings, BrokerEndpoint endpoint, TaskScheduler scheduler, Duration receiptTimeout) {
		this.broker = new BrokerClient(settings, endpoint, scheduler, receiptTimeout);
	}

	/**
	 * Sends JSON messages to broker destinations in one write, the last one with a {@code receipt}
	 * header. The broker handles a connection's frames in order, so its RECEIPT confirms the last
	 * message and every one sent before it.
	 * @return a future completed when the RECEIPT arrives, failed if the write fails or the receipt is lost
	 */
	CompletableFuture<Void> sendConfirmed(List<Outgoing> messages) {
		StompSession current = connectedSession();
		Outgoing last = messages.getLast();
		CompletableFuture<Void> confirmed = new CompletableFuture<>();
		this.broker.inOneWrite(() -> {
			messages.subList(0, messages.size() - 1)
				.forEach((message) -> current.send(RelayHeaders.of(message.destination(), message.event()), message.json()));
			StompHeaders headers = RelayHeaders.of(last.destination(), last.event());
			headers.setReceipt("relay-" + this.receipts.incrementAndGet());
			StompSession.Receiptable receiptable = current.send(headers, last.json());
			receiptable.addReceiptTask(() -> confirmed.complete(null));
			receiptable.addReceiptLostTask(() -> confirmed.completeExceptionally(new BrokerUnavailableException(
					"no receipt from the broker for " + last.destination() + " seq " + last.event().seq())));
		}).exceptionally((failure) -> {
			confirmed.completeExceptionally(new BrokerUnavailableException(
					"cannot write to the broker: " + NestedExceptionUtils.getMostSpecificCause(failure)));
			return null;
		});
		return confirmed;
	}

	/** Whether the relay's connection to the broker is up. */
	boolean isConnected() {
		StompSession current = this.session;
		return current != null && current.isConnected();
	}

	private StompSession connectedSession() {
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			return current;
		}
		StompSession opened = this.broker.connect(new ConnectionWatcher(), BrokerUnavailableException::new);
		this.session = opened;
		logger.info("relay_broker_connection=open broker={}", this.broker.address());
		return opened;
	}

	@Override
	public void close() {
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			current.disconnect();
		}
		this.broker.shutdown();
	}

	/** A message for the broker: an event, its destination and its JSON. */
	record Outgoing(String destination, EventEnvelope event, byte[] json) {
	}

	private final class ConnectionWatcher extends StompSessionHandlerAdapter {

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
			logger.warn("relay_broker_error command={} cause={}", command, exception.getMessage());
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			logger.warn("relay_broker_connection=lost cause={}", NestedExceptionUtils.getMostSpecificCause(exception).toString());
			BrokerPublisher.this.session = null;
		}

	}

}
