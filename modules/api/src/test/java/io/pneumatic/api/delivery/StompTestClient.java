package io.pneumatic.api.delivery;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real STOMP client over SockJS or plain WebSocket that records the envelopes it receives.
 */
final class StompTestClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebSocketStompClient client;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final String url;

	private @Nullable StompSession session;

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private StompTestClient(WebSocketClient transport, String url) {
		this.scheduler.initialize();
		this.client = new WebSocketStompClient(transport);
		// Payloads are JSON: take the bytes as they are and parse them here.
		this.client.setMessageConverter(new SimpleMessageConverter());
		this.client.setTaskScheduler(this.scheduler);
		this.url = url;
	}

	/** A client over SockJS at {@code /ws}. */
	static StompTestClient sockJs(int port) {
		return new StompTestClient(new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient()))),
				"http://localhost:" + port + "/ws");
	}

	/** A client over plain WebSocket at {@code /ws/websocket}. */
	static StompTestClient webSocket(int port) {
		return new StompTestClient(new StandardWebSocketClient(), "ws://localhost:" + port + "/ws/websocket");
	}

	/** Connects and subscribes to a job stream, optionally resuming after {@code lastSeq}. */
	StompTestClient subscribeToJob(String jobId, @Nullable Long lastSeq) throws Exception {
		return subscribeToJob(jobId, (lastSeq != null) ? Long.toString(lastSeq) : null);
	}

	/** Connects and subscribes to a job stream with a {@code last-seq} header as given, valid or not. */
	StompTestClient subscribeToJob(String jobId, @Nullable String lastSeqHeader) throws Exception {
		StompSession connected = this.client.connectAsync(this.url, new StompSessionHandlerAdapter() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, @Nullable Object payload) {
				StompTestClient.this.errors.add(String.valueOf(headers.getFirst("message")));
			}
		}).get(10, TimeUnit.SECONDS);
		this.session = connected;
		StompHeaders headers = new StompHeaders();
		headers.setDestination("/topic/jobs." + jobId);
		if (lastSeqHeader != null) {
			headers.set("last-seq", lastSeqHeader);
		}
		StompSession.Receiptable receipt = connected.subscribe(headers, new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders frameHeaders) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders frameHeaders, @Nullable Object payload) {
				StompTestClient.this.received.add(json.readTree(new String((byte[]) payload, StandardCharsets.UTF_8)));
			}
		});
		return this;
	}

	/** The {@code message} header of every ERROR frame received. */
	List<String> errors() {
		return this.errors;
	}

	/** Every envelope received, in arrival order. */
	List<JsonNode> received() {
		return this.received;
	}

	/** The sequence numbers of the received job events, control events left out. */
	List<Long> seqs() {
		List<Long> seqs = new ArrayList<>();
		for (JsonNode envelope : this.received) {
			if (!envelope.get("seq").isNull()) {
				seqs.add(envelope.get("seq").asLong());
			}
		}
		return seqs;
	}

	/** Waits until the client received job events up to {@code seq}. */
	void awaitSeq(long seq) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seqs()).contains(seq));
	}

	/** Asserts the client received exactly {@code from..to}, in order, each once. */
	void assertExactly(long from, long to) {
		awaitSeq(to);
		List<Long> expected = new ArrayList<>();
		for (long s = from; s <= to; s++) {
			expected.add(s);
		}
		assertThat(seqs()).containsExactlyElementsOf(expected);
	}

	void disconnect() {
		if (this.session != null && this.session.isConnected()) {
			this.session.disconnect();
		}
	}

	@Override
	public void close() {
		disconnect();
		this.client.stop();
		this.scheduler.shutdown();
	}

}
