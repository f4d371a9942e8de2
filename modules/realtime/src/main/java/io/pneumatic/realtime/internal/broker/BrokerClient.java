package io.pneumatic.realtime.internal.broker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandler;
import org.springframework.scheduling.TaskScheduler;

/**
 * A STOMP client of the broker for the hub's own connections (the event relay's, the SSE feed's):
 * raw byte payloads, receipts, heart-beats every 10 s, the broker's credentials, and frames sent in
 * batches.
 */
public final class BrokerClient {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final FrameBatchingTcpClient transport;

	private final ReactorNettyTcpStompClient client;

	private final BrokerSettings settings;

	private final BrokerEndpoint endpoint;

	/**
	 * @param receiptTimeout how long a RECEIPT may take before the receipt is reported lost
	 */
	public BrokerClient(BrokerSettings settings, BrokerEndpoint endpoint, TaskScheduler scheduler, Duration receiptTimeout) {
		this.settings = settings;
		this.endpoint = endpoint;
		this.transport = new FrameBatchingTcpClient(endpoint.host(), endpoint.port());
		this.client = new ReactorNettyTcpStompClient(this.transport);
		this.client.setMessageConverter(new SimpleMessageConverter());
		this.client.setTaskScheduler(scheduler);
		this.client.setReceiptTimeLimit(receiptTimeout.toMillis());
		this.client.setDefaultHeartbeat(new long[] { 10_000, 10_000 });
	}

	/**
	 * Opens a STOMP session, waiting at most 5 s.
	 * @param failure turns what went wrong into the caller's exception
	 */
	public StompSession connect(StompSessionHandler handler, Function<String, RuntimeException> failure) {
		StompHeaders connectHeaders = new StompHeaders();
		connectHeaders.setLogin(this.settings.login());
		connectHeaders.setPasscode(this.settings.passcode());
		connectHeaders.setHost(this.settings.virtualHost());
		try {
			return this.client.connectAsync(connectHeaders, handler).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure.apply("interrupted while connecting to the broker");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw failure.apply("cannot connect to the STOMP broker at " + address() + ": "
					+ NestedExceptionUtils.getMostSpecificCause(ex));
		}
	}

	/**
	 * Runs {@code sends} on this thread and writes the frames they sent in one write per connection,
	 * instead of one round trip to the connection's event loop per frame.
	 * @return completed when written, failed if the write failed
	 */
	public CompletableFuture<Void> inOneWrite(Runnable sends) {
		return this.transport.inOneWrite(sends);
	}

	/** {@code host:port} of the broker. */
	public String address() {
		return this.endpoint.host() + ":" + this.endpoint.port();
	}

	public void shutdown() {
		this.client.shutdown();
	}

}
