package io.pneumatic.realtime.internal.delivery;

import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * The parts of delivery that the STOMP endpoint plugs in: around every WebSocket session, and in the
 * client inbound channel right after access control.
 */
public final class StompDelivery {

	private final ClientConnections connections;

	private final DeliveryInterceptor inbound;

	StompDelivery(ClientConnections connections, DeliveryInterceptor inbound) {
		this.connections = connections;
		this.inbound = inbound;
	}

	/** Gives every session its own outbound queue and writer. */
	public WebSocketHandlerDecoratorFactory connections() {
		return this.connections;
	}

	/**
	 * Waits until the session's outbound queue has room: job-stream lanes call it before each write,
	 * so replays and bursts go at the client's pace instead of overflowing its queue.
	 */
	public void awaitRoom(String sessionId) {
		this.connections.awaitRoom(sessionId);
	}

	/** Whether the session's outbound queue has room now, so that a job-stream write need not wait. */
	public boolean hasRoom(String sessionId) {
		return this.connections.hasRoom(sessionId);
	}

	/** Must come right after access control in the client inbound channel. */
	public ChannelInterceptor inbound() {
		return this.inbound;
	}

}
