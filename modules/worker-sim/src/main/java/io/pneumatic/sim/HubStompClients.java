package io.pneumatic.sim;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * STOMP-over-WebSocket clients of the hub for worker-sim's benchmarks.
 *
 * <p>A hub event carries up to 64 KiB of payload, so a frame is larger than both the WebSocket
 * container's default text buffer (8 KiB) and the STOMP client's default inbound limit (64 KiB): a client
 * with the defaults drops its connection on the first large event. Both are raised to 128 KiB here, room
 * for the largest event with its envelope and headers. Not more: the container allocates the text buffer
 * of every connection up front (two bytes per character), and a fan-out run holds a thousand of them.
 * Frames stay raw bytes, parsed with Jackson 3 by the caller (STACK-NOTES pitfall 8).
 */
public final class HubStompClients {

	private static final int MAX_FRAME_BYTES = 128 * 1024;

	private HubStompClients() {
	}

	/**
	 * A new client.
	 * @param handshakes runs the WebSocket handshakes; null for the container's default
	 */
	public static WebSocketStompClient create(@Nullable AsyncTaskExecutor handshakes) {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(MAX_FRAME_BYTES);
		StandardWebSocketClient webSocketClient = new StandardWebSocketClient(container);
		if (handshakes != null) {
			webSocketClient.setTaskExecutor(handshakes);
		}
		WebSocketStompClient client = new WebSocketStompClient(webSocketClient);
		client.setInboundMessageSizeLimit(MAX_FRAME_BYTES);
		client.setMessageConverter(new SimpleMessageConverter());
		return client;
	}

}
