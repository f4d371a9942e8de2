package io.pneumatic.api.testing;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
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
 * A real STOMP client over SockJS or plain WebSocket that records what it receives: the envelopes of
 * its job subscriptions, the messages of its other subscriptions, its {@code /user/queue/errors}
 * and the ERROR frames. It connects with a moderator's token unless told otherwise.
 */
public final class StompTestClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebSocketStompClient client;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private String url;

	private @Nullable String token = TestTokens.moderator();

	private @Nullable StompSession session;

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final List<StompHeaders> receivedHeaders = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final List<StompHeaders> errorFrames = new CopyOnWriteArrayList<>();

	private final List<JsonNode> userErrors = new CopyOnWriteArrayList<>();

	private final List<JsonNode> replies = new CopyOnWriteArrayList<>();

	private StompSession.@Nullable Subscription lastSubscription;

	private StompTestClient(WebSocketClient transport, String url) {
		this.scheduler.initialize();
		this.client = new WebSocketStompClient(transport);
		// Payloads are JSON: take the bytes as they are and parse them here.
		this.client.setMessageConverter(new SimpleMessageConverter());
		this.client.setTaskScheduler(this.scheduler);
		this.client.setInboundMessageSizeLimit(1024 * 1024);
		this.url = url;
	}

	/** A client over SockJS at {@code /ws}. */
	public static StompTestClient sockJs(int port) {
		return new StompTestClient(new SockJsClient(List.of(new WebSocketTransport(webSocketClient()))),
				"http://localhost:" + port + "/ws");
	}

	/** A client over plain WebSocket at {@code /ws/websocket}. */
	public static StompTestClient webSocket(int port) {
		return new StompTestClient(webSocketClient(), "ws://localhost:" + port + "/ws/websocket");
	}

	/** A WebSocket client that takes frames as large as the hub sends (the container's default is 8 KiB). */
	private static StandardWebSocketClient webSocketClient() {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
		container.setDefaultMaxBinaryMessageBufferSize(1024 * 1024);
		return new StandardWebSocketClient(container);
	}

	/** Connects with {@code token} in the CONNECT frame, or with none when {@code null}. */
	public StompTestClient withToken(@Nullable String token) {
		this.token = token;
		return this;
	}

	/** Puts {@code token} in the handshake URL ({@code access_token}), as browsers do. */
	public StompTestClient withHandshakeToken(String token) {
		this.url = this.url + "?access_token=" + token;
		return this;
	}

	/** Connects (once), and fails if the hub does not answer CONNECTED. */
	public StompTestClient connect() throws Exception {
		if (this.session == null) {
			this.session = connectAsync().get(10, TimeUnit.SECONDS);
		}
		return this;
	}

	/** Starts connecting; the future fails when the hub refuses the connection. */
	public CompletableFuture<StompSession> connectAsync() {
		StompHeaders connectHeaders = new StompHeaders();
		if (this.token != null) {
			connectHeaders.set("Authorization", "Bearer " + this.token);
		}
		return this.client.connectAsync(this.url, new WebSocketHttpHeaders(), connectHeaders,
				new StompSessionHandlerAdapter() {

					@Override
					public Type getPayloadType(StompHeaders headers) {
						return byte[].class;
					}

					@Override
					public void handleFrame(StompHeaders headers, @Nullable Object payload) {
						StompTestClient.this.errorFrames.add(headers);
						StompTestClient.this.errors.add(String.valueOf(headers.getFirst("message")));
					}
				});
	}

	/** Connects and subscribes to a job stream, optionally resuming after {@code lastSeq}. */
	public StompTestClient subscribeToJob(String jobId, @Nullable Long lastSeq) throws Exception {
		return subscribeToJob(jobId, (lastSeq != null) ? Long.toString(lastSeq) : null);
	}

	/** Connects and subscribes to a job stream with a {@code last-seq} header as given, valid or not. */
	public StompTestClient subscribeToJob(String jobId, @Nullable String lastSeqHeader) throws Exception {
		return subscribe("/topic/jobs." + jobId, (lastSeqHeader != null) ? Map.of("last-seq", lastSeqHeader) : Map.of());
	}

	/**
	 * Connects and subscribes to {@code /user/queue/errors} and {@code /user/queue/replies}, waiting
	 * until the broker confirmed both.
	 */
	public StompTestClient listenForErrors() throws Exception {
		connect();
		CountDownLatch confirmed = new CountDownLatch(2);
		this.session.setAutoReceipt(true);
		subscribe("/user/queue/errors", Map.of(), this.userErrors).lastSubscription.addReceiptTask(confirmed::countDown);
		subscribe("/user/queue/replies", Map.of(), this.replies).lastSubscription.addReceiptTask(confirmed::countDown);
		this.session.setAutoReceipt(false);
		assertThat(confirmed.await(10, TimeUnit.SECONDS)).as("receipts of the /user/queue subscriptions").isTrue();
		return this;
	}

	/**
	 * Connects, subscribes to {@code destination} and waits until the broker confirmed the subscription,
	 * for destinations without replay where a message sent before would be missed.
	 */
	public StompTestClient subscribeConfirmed(String destination) throws Exception {
		connect();
		CountDownLatch confirmed = new CountDownLatch(1);
		this.session.setAutoReceipt(true);
		subscribe(destination, Map.of(), this.received).lastSubscription.addReceiptTask(confirmed::countDown);
		this.session.setAutoReceipt(false);
		assertThat(confirmed.await(10, TimeUnit.SECONDS)).as("receipt of the subscription to " + destination).isTrue();
		return this;
	}

	/** Connects and subscribes to {@code destination}; what arrives goes to {@link #received()}. */
	public StompTestClient subscribe(String destination, Map<String, String> extraHeaders) throws Exception {
		return subscribe(destination, extraHeaders, this.received);
	}

	private StompTestClient subscribe(String destination, Map<String, String> extraHeaders, List<JsonNode> into)
			throws Exception {
		connect();
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		extraHeaders.forEach(headers::set);
		this.lastSubscription = this.session.subscribe(headers, new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders frameHeaders) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders frameHeaders, @Nullable Object payload) {
				if (into == StompTestClient.this.received) {
					StompTestClient.this.receivedHeaders.add(frameHeaders);
				}
				into.add(json.readTree(new String((byte[]) payload, StandardCharsets.UTF_8)));
			}
		});
		return this;
	}

	/** Sends {@code body} to {@code destination}. */
	public void send(String destination, String body) throws Exception {
		connect();
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		this.session.send(headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/** The {@code message} header of every ERROR frame received. */
	public List<String> errors() {
		return this.errors;
	}

	/** The {@code code} header of every ERROR frame received. */
	public List<String> errorCodes() {
		return this.errorFrames.stream().map((headers) -> String.valueOf(headers.getFirst("code"))).toList();
	}

	/** What arrived on {@code /user/queue/errors} (after {@link #listenForErrors()}). */
	public List<JsonNode> userErrors() {
		return this.userErrors;
	}

	/** What arrived on {@code /user/queue/replies} (after {@link #listenForErrors()}). */
	public List<JsonNode> replies() {
		return this.replies;
	}

	public boolean isConnected() {
		return this.session != null && this.session.isConnected();
	}

	/** Every envelope received, in arrival order. */
	public List<JsonNode> received() {
		return this.received;
	}

	/** The headers of every MESSAGE frame of {@link #received()}, in arrival order. */
	public List<StompHeaders> receivedHeaders() {
		return this.receivedHeaders;
	}

	/** The sequence numbers of the received job events, control events left out. */
	public List<Long> seqs() {
		List<Long> seqs = new ArrayList<>();
		for (JsonNode envelope : this.received) {
			if (envelope.has("seq") && !envelope.get("seq").isNull()) {
				seqs.add(envelope.get("seq").asLong());
			}
		}
		return seqs;
	}

	/** Waits until the client received job events up to {@code seq}. */
	public void awaitSeq(long seq) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seqs()).contains(seq));
	}

	/** Asserts the client received exactly {@code from..to}, in order, each once. */
	public void assertExactly(long from, long to) {
		awaitSeq(to);
		List<Long> expected = new ArrayList<>();
		for (long s = from; s <= to; s++) {
			expected.add(s);
		}
		assertThat(seqs()).containsExactlyElementsOf(expected);
	}

	public void disconnect() {
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
