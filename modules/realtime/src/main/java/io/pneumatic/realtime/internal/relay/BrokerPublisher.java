package io.pneumatic.realtime.internal.relay;

import java.time.Duration;
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
 * <p>Used by one thread at a time (the relay's reader); receipts complete on Netty threads.
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
	 * Sends a JSON message to a broker destination; without a receipt the broker's confirmation
	 * comes with the next message sent {@linkplain #sendConfirmed confirmed}.
	 */
	void send(String destination, EventEnvelope event, byte[] json) {
		connectedSession().send(RelayHeaders.of(destination, event), json);
	}

	/**
	 * Sends a JSON message with a {@code receipt} header. The broker handles a connection's frames in
	 * order, so its RECEIPT confirms this message and every one sent before it.
	 * @return a future completed when the RECEIPT arrives, failed if it is lost
	 */
	CompletableFuture<Void> sendConfirmed(String destination, EventEnvelope event, byte[] json) {
		StompSession current = connectedSession();
		StompHeaders headers = RelayHeaders.of(destination, event);
		headers.setReceipt("relay-" + this.receipts.incrementAndGet());
		CompletableFuture<Void> confirmed = new CompletableFuture<>();
		StompSession.Receiptable receiptable = current.send(headers, json);
		receiptable.addReceiptTask(() -> confirmed.complete(null));
		receiptable.addReceiptLostTask(() -> confirmed.completeExceptionally(
				new BrokerUnavailableException("no receipt from the broker for " + destination + " seq " + event.seq())));
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
