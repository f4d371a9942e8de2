package io.pneumatic.api.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain WebSocket that speaks STOMP by hand, for frames no STOMP client would send: malformed,
 * oversized. Records every text frame the hub sends and how the socket was closed.
 */
public final class RawStompSocket implements AutoCloseable {

	private final WebSocketSession session;

	private final List<String> frames = new CopyOnWriteArrayList<>();

	private volatile @Nullable CloseStatus closed;

	private volatile CountDownLatch reading = new CountDownLatch(0);

	private RawStompSocket(URI url) throws Exception {
		StandardWebSocketClient client = new StandardWebSocketClient();
		client.getUserProperties().put("org.apache.tomcat.websocket.IO_TIMEOUT_MS", "10000");
		this.session = client.execute(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) throws InterruptedException {
				RawStompSocket.this.frames.add(message.getPayload());
				// A stalled reader stops reading the socket: the hub's writes back up as they would to a slow client.
				RawStompSocket.this.reading.await();
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
				RawStompSocket.this.closed = status;
			}
		}, new WebSocketHttpHeaders(), url).get(10, TimeUnit.SECONDS);
		this.session.setTextMessageSizeLimit(1024 * 1024);
	}

	/** Opens a socket on the plain WebSocket endpoint and sends CONNECT with {@code token}. */
	public static RawStompSocket connect(int port, String token) throws Exception {
		return connect(port, token, "0,0");
	}

	/** The same, asking for the STOMP {@code heart-beat} given ({@code "cx,cy"}). */
	public static RawStompSocket connect(int port, String token, String heartbeat) throws Exception {
		RawStompSocket socket = new RawStompSocket(URI.create("ws://localhost:" + port + "/ws/websocket"));
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:" + heartbeat + "\nAuthorization:Bearer "
				+ token + "\n\n\0");
		socket.awaitFrame("CONNECTED");
		return socket;
	}

	/** Stops reading after the next frame, as a client that cannot keep up. */
	public void stopReading() {
		this.reading = new CountDownLatch(1);
	}

	/** Reads again. */
	public void resumeReading() {
		this.reading.countDown();
	}

	/** Subscribes to {@code destination} and waits for the broker's receipt. */
	public void subscribe(String id, String destination) throws Exception {
		send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nreceipt:r-" + id + "\n\n\0");
		awaitFrame("RECEIPT\nreceipt-id:r-" + id);
	}

	/** Sends text as it is. */
	public void send(String text) throws Exception {
		this.session.sendMessage(new TextMessage(text));
	}

	/** Waits for a frame that starts with {@code start}. */
	public String awaitFrame(String start) {
		return awaitFrame(start, Duration.ofSeconds(10));
	}

	/** Waits up to {@code timeout} for a frame that starts with {@code start}. */
	public String awaitFrame(String start, Duration timeout) {
		return await().atMost(timeout)
			.until(() -> this.frames.stream().filter((frame) -> frame.startsWith(start)).findFirst().orElse(null),
					(frame) -> frame != null);
	}

	public List<String> frames() {
		return this.frames;
	}

	/** How the hub closed the socket, or {@code null} while it is open. */
	public @Nullable CloseStatus closed() {
		return this.closed;
	}

	public void assertOpen() {
		assertThat(this.session.isOpen()).as("the socket is open").isTrue();
	}

	/** Whether the hub closed the socket. */
	public boolean isClosed() {
		return this.closed != null;
	}

	@Override
	public void close() throws Exception {
		resumeReading();
		if (this.session.isOpen()) {
			this.session.close();
		}
	}

}
