package io.pneumatic.sim.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import io.pneumatic.sim.HubStompClients;

/**
 * The benchmark's STOMP clients: one {@link WebSocketStompClient} over plain WebSocket, its
 * subscriptions spread over {@code subscribers-per-connection}-sized connections.
 *
 * <p>Handshakes, heartbeats and receipts run on virtual threads; at most {@code connect-concurrency}
 * handshakes are in flight at once.
 */
final class StompSubscriberPool implements SubscriberPool {

	private static final Logger logger = LoggerFactory.getLogger(StompSubscriberPool.class);

	private static final long[] HEARTBEAT_MILLIS = { 10_000, 10_000 };

	private final URI url;

	private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();

	private final List<StompSubscriberConnection> connections = new ArrayList<>();

	private final AtomicLong reconnects = new AtomicLong();

	StompSubscriberPool(URI url, List<LoadSubscription> subscriptions, int subscribersPerConnection, IntFunction<String> tokens) {
		this.url = url;
		this.scheduler.setVirtualThreads(true);
		this.scheduler.setThreadNamePrefix("stomp-client-");
		SimpleAsyncTaskExecutor handshakes = new SimpleAsyncTaskExecutor("stomp-handshake-");
		handshakes.setVirtualThreads(true);
		WebSocketStompClient client = HubStompClients.create(handshakes);
		client.setTaskScheduler(this.scheduler);
		client.setDefaultHeartbeat(HEARTBEAT_MILLIS);
		for (int from = 0; from < subscriptions.size(); from += subscribersPerConnection) {
			List<LoadSubscription> slice = subscriptions.subList(from, Math.min(from + subscribersPerConnection, subscriptions.size()));
			this.connections.add(new StompSubscriberConnection(client, url, tokens.apply(this.connections.size()), slice,
					this.scheduler, this.reconnects));
		}
	}

	@Override
	public void connect(int concurrency, Duration timeout) throws InterruptedException {
		Semaphore handshakes = new Semaphore(concurrency);
		List<CompletableFuture<?>> futures = new ArrayList<>(this.connections.size());
		for (StompSubscriberConnection connection : this.connections) {
			if (!handshakes.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Timed out opening STOMP connections to " + this.url
						+ " after " + futures.size() + " of " + this.connections.size() + ": is the hub up?");
			}
			futures.add(connection.connect().whenComplete((session, failure) -> handshakes.release()));
		}
		try {
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not open a STOMP connection to " + this.url + ": "
					+ ex.getCause() + " (is the hub running, and is hub-url its plain WebSocket endpoint /ws/websocket?)", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Timed out after " + timeout + " opening " + this.connections.size()
					+ " STOMP connections to " + this.url, ex);
		}
		logger.info("event=stomp_connected url={} connections={}", this.url, this.connections.size());
	}

	@Override
	public long reconnects() {
		return this.reconnects.get();
	}

	@Override
	public int size() {
		return this.connections.size();
	}

	@Override
	public void close() {
		this.connections.forEach(StompSubscriberConnection::close);
		this.scheduler.close();
	}

}
