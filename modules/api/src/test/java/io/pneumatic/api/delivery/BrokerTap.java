package io.pneumatic.api.delivery;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A STOMP client connected straight to the broker (not through the hub): it sees every message the
 * relay sent, duplicates included.
 */
final class BrokerTap implements AutoCloseable {

	private final ReactorNettyTcpStompClient client;

	private final StompSession session;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final List<Long> seqs = new CopyOnWriteArrayList<>();

	BrokerTap(String host, int port, String destination) throws Exception {
		this.scheduler.initialize();
		this.client = new ReactorNettyTcpStompClient(host, port);
		this.client.setTaskScheduler(this.scheduler);
		this.client.setMessageConverter(new SimpleMessageConverter());
		this.client.setDefaultHeartbeat(new long[] { 0, 0 });
		StompHeaders connect = new StompHeaders();
		connect.setLogin("guest");
		connect.setPasscode("guest");
		connect.setHost("/");
		this.session = this.client.connectAsync(connect, new StompSessionHandlerAdapter() {
		}).get(10, TimeUnit.SECONDS);
		this.session.setAutoReceipt(true);
		StompHeaders subscribe = new StompHeaders();
		subscribe.setDestination(destination);
		var subscribed = new java.util.concurrent.CompletableFuture<Void>();
		this.session.subscribe(subscribe, new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, @Nullable Object payload) {
				BrokerTap.this.seqs.add(Long.parseLong(headers.getFirst("seq")));
			}
		}).addReceiptTask(() -> subscribed.complete(null));
		subscribed.get(10, TimeUnit.SECONDS);
	}

	/** The seq header of every message the broker delivered to this tap, in arrival order. */
	List<Long> seqs() {
		return this.seqs;
	}

	@Override
	public void close() {
		if (this.session.isConnected()) {
			this.session.disconnect();
		}
		this.client.shutdown();
		this.scheduler.shutdown();
	}

}
