package io.pneumatic.realtime.internal.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.tcp.ReconnectStrategy;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.TcpOperations;
import org.springframework.messaging.tcp.reactor.ReactorNettyCodec;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;

/**
 * Spring's Reactor Netty STOMP transport, with batches: the frames a thread sends within
 * {@link #inOneWrite} go to the socket together, in one write, once it returns.
 *
 * <p>Spring's STOMP session waits for each frame's write to complete before its {@code send}
 * returns: one round trip to the connection's event loop per frame. Within a batch a frame's write
 * completes at once (it is only collected), so a batch of frames costs one hand-over to the event
 * loop instead of one per frame. Frames sent by other threads meanwhile (heart-beats) go out on
 * their own, as usual.
 */
final class FrameBatchingTcpClient implements TcpOperations<byte[]> {

	/** Header of a message standing for several frames, encoded one after the other. */
	private static final String FRAMES_HEADER = "pneumaticFrames";

	private final ReactorNettyTcpClient<byte[]> delegate;

	private final ThreadLocal<@Nullable Batch> batch = new ThreadLocal<>();

	FrameBatchingTcpClient(String host, int port) {
		this.delegate = new ReactorNettyTcpClient<>(host, port, new BatchCodec());
	}

	/**
	 * Runs {@code sends} and writes the frames they sent on this client's connections in one write per
	 * connection; not reentrant.
	 * @return completed when the writes are done, failed if one failed
	 */
	CompletableFuture<Void> inOneWrite(Runnable sends) {
		if (this.batch.get() != null) {
			throw new IllegalStateException("Already collecting frames for one write");
		}
		Batch current = new Batch();
		this.batch.set(current);
		try {
			sends.run();
		}
		finally {
			this.batch.remove();
		}
		return current.write();
	}

	@Override
	public CompletableFuture<Void> connectAsync(TcpConnectionHandler<byte[]> handler) {
		return this.delegate.connectAsync(new BatchingHandler(handler));
	}

	@Override
	public CompletableFuture<Void> connectAsync(TcpConnectionHandler<byte[]> handler, ReconnectStrategy reconnectStrategy) {
		return this.delegate.connectAsync(new BatchingHandler(handler), reconnectStrategy);
	}

	@Override
	public CompletableFuture<Void> shutdownAsync() {
		return this.delegate.shutdownAsync();
	}

	/** The frames one thread collected, per connection. */
	private static final class Batch {

		private final Map<TcpConnection<byte[]>, List<Message<byte[]>>> frames = new LinkedHashMap<>();

		void add(TcpConnection<byte[]> connection, Message<byte[]> frame) {
			this.frames.computeIfAbsent(connection, (key) -> new ArrayList<>()).add(frame);
		}

		CompletableFuture<Void> write() {
			return CompletableFuture.allOf(this.frames.entrySet()
				.stream()
				.map((entry) -> entry.getKey().sendAsync(framesMessage(entry.getValue())))
				.toArray(CompletableFuture[]::new));
		}

		private static Message<byte[]> framesMessage(List<Message<byte[]>> frames) {
			return (frames.size() == 1) ? frames.getFirst()
					: MessageBuilder.withPayload(new byte[0]).setHeader(FRAMES_HEADER, List.copyOf(frames)).build();
		}

	}

	/** Hands Spring's STOMP session a connection that collects frames while its thread has a batch open. */
	private final class BatchingHandler implements TcpConnectionHandler<byte[]> {

		private final TcpConnectionHandler<byte[]> session;

		BatchingHandler(TcpConnectionHandler<byte[]> session) {
			this.session = session;
		}

		@Override
		public void afterConnected(TcpConnection<byte[]> connection) {
			this.session.afterConnected(new BatchingConnection(connection));
		}

		@Override
		public void afterConnectFailure(Throwable ex) {
			this.session.afterConnectFailure(ex);
		}

		@Override
		public void handleMessage(Message<byte[]> message) {
			this.session.handleMessage(message);
		}

		@Override
		public void handleFailure(Throwable ex) {
			this.session.handleFailure(ex);
		}

		@Override
		public void afterConnectionClosed() {
			this.session.afterConnectionClosed();
		}

	}

	private final class BatchingConnection implements TcpConnection<byte[]> {

		private final TcpConnection<byte[]> connection;

		BatchingConnection(TcpConnection<byte[]> connection) {
			this.connection = connection;
		}

		@Override
		public CompletableFuture<Void> sendAsync(Message<byte[]> message) {
			Batch current = FrameBatchingTcpClient.this.batch.get();
			if (current == null) {
				return this.connection.sendAsync(message);
			}
			current.add(this.connection, message);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onReadInactivity(Runnable runnable, long duration) {
			this.connection.onReadInactivity(runnable, duration);
		}

		@Override
		public void onWriteInactivity(Runnable runnable, long duration) {
			this.connection.onWriteInactivity(runnable, duration);
		}

		@Override
		public void close() {
			this.connection.close();
		}

	}

	/** STOMP frames as Spring encodes and decodes them; a message standing for several frames is encoded as all of them. */
	static final class BatchCodec implements ReactorNettyCodec<byte[]> {

		private final StompReactorNettyCodec stomp = new StompReactorNettyCodec();

		@Override
		public Collection<Message<byte[]>> decode(ByteBuf buffer) {
			return this.stomp.decode(buffer);
		}

		@Override
		@SuppressWarnings("unchecked")
		public void encode(Message<byte[]> message, ByteBuf buffer) {
			Object frames = message.getHeaders().get(FRAMES_HEADER);
			if (frames instanceof List<?> list) {
				((List<Message<byte[]>>) list).forEach((frame) -> this.stomp.encode(frame, buffer));
			}
			else {
				this.stomp.encode(message, buffer);
			}
		}

	}

}
