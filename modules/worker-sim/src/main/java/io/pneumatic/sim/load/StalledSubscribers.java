package io.pneumatic.sim.load;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import io.pneumatic.sim.HubStompClients;

/**
 * Subscribers that stop reading after their first message, each on its own STOMP connection, to
 * measure what a slow client costs everyone else: their WebSocket handler blocks, so their socket is
 * no longer read and the hub's writes to them back up until it cuts them off.
 */
final class StalledSubscribers implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StalledSubscribers.class);

	private final CountDownLatch released = new CountDownLatch(1);

	private final List<StompSession> sessions = new ArrayList<>();

	/**
	 * Connects {@code count} stalled subscribers to the jobs, round robin.
	 * @param tokens the bearer token of each connection
	 */
	StalledSubscribers(URI url, List<String> jobIds, int count, IntFunction<String> tokens, Duration timeout) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("stalled-subscriber-");
		executor.setVirtualThreads(true);
		WebSocketStompClient client = HubStompClients.create(executor);
		for (int i = 0; i < count; i++) {
			StompHeaders connectHeaders = new StompHeaders();
			connectHeaders.set("Authorization", "Bearer " + tokens.apply(i));
			try {
				StompSession session = client
					.connectAsync(url, new WebSocketHttpHeaders(), connectHeaders, new StompSessionHandlerAdapter() {
					})
					.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				session.subscribe("/topic/jobs." + jobIds.get(i % jobIds.size()), new Stall());
				this.sessions.add(session);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not connect stalled subscriber " + i + " to " + url + ": " + ex, ex);
			}
		}
		logger.info("event=stalled_subscribers_connected count={}", count);
	}

	int size() {
		return this.sessions.size();
	}

	@Override
	public void close() {
		this.released.countDown();
		this.sessions.forEach((session) -> {
			if (session.isConnected()) {
				session.disconnect();
			}
		});
	}

	private final class Stall implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			try {
				StalledSubscribers.this.released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
