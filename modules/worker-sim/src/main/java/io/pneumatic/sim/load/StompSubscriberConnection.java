package io.pneumatic.sim.load;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One STOMP connection of the benchmark, carrying a few {@link LoadSubscription}s.
 *
 * <p>Subscribes each with {@code last-seq} = the highest seq it has seen (0 at first) and a receipt.
 * When an established connection drops, it reconnects after {@link #RECONNECT_DELAY} and resumes
 * every subscription by replay, like a browser.
 */
final class StompSubscriberConnection extends StompSessionHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(StompSubscriberConnection.class);

	static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	private final WebSocketStompClient client;

	private final URI url;

	private final List<LoadSubscription> subscriptions;

	private final TaskScheduler scheduler;

	private final AtomicLong reconnects;

	private final StompHeaders connectHeaders = new StompHeaders();

	private final AtomicBoolean reconnectPending = new AtomicBoolean();

	private volatile boolean established;

	private volatile boolean closing;

	private volatile @Nullable StompSession session;

	StompSubscriberConnection(WebSocketStompClient client, URI url, String token, List<LoadSubscription> subscriptions,
			TaskScheduler scheduler, AtomicLong reconnects) {
		this.client = client;
		this.url = url;
		this.connectHeaders.set("Authorization", "Bearer " + token);
		this.subscriptions = List.copyOf(subscriptions);
		this.scheduler = scheduler;
		this.reconnects = reconnects;
	}

	/** Opens the connection; the subscriptions follow once STOMP is connected. */
	CompletableFuture<StompSession> connect() {
		return this.client.connectAsync(this.url, new WebSocketHttpHeaders(), this.connectHeaders, this);
	}

	@Override
	public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
		this.session = session;
		this.established = true;
		for (int i = 0; i < this.subscriptions.size(); i++) {
			LoadSubscription subscription = this.subscriptions.get(i);
			StompHeaders headers = new StompHeaders();
			headers.setDestination(subscription.destination());
			headers.set("last-seq", Long.toString(subscription.tally().highestSeq()));
			headers.setReceipt("subscribe-" + i);
			session.subscribe(headers, subscription).addReceiptTask(subscription::confirm);
		}
	}

	@Override
	public Type getPayloadType(StompHeaders headers) {
		return byte[].class;
	}

	@Override
	public void handleFrame(StompHeaders headers, @Nullable Object payload) {
		logger.warn("event=stomp_error url={} message=\"{}\" body=\"{}\"", this.url, headers.getFirst("message"),
				(payload instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : "");
	}

	@Override
	public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
			byte[] payload, Throwable exception) {
		logger.warn("event=stomp_frame_failed command={} error=\"{}\"", command, exception.toString());
	}

	@Override
	public void handleTransportError(StompSession session, Throwable exception) {
		if (this.closing || !this.established || session.isConnected()) {
			return;
		}
		if (this.reconnectPending.compareAndSet(false, true)) {
			this.reconnects.incrementAndGet();
			logger.info("event=stomp_reconnecting url={} subscriptions={} cause=\"{}\"", this.url,
					this.subscriptions.size(), exception.toString());
			this.scheduler.schedule(this::reconnect, Instant.now().plus(RECONNECT_DELAY));
		}
	}

	private void reconnect() {
		this.reconnectPending.set(false);
		if (!this.closing) {
			connect();
		}
	}

	/** Disconnects and stops reconnecting. */
	void close() {
		this.closing = true;
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			current.disconnect();
		}
	}

}
