package io.pneumatic.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A STOMP client over a plain WebSocket that subscribes and then never reads: the slowest client
 * there is. Its socket's receive buffer is a few KiB, so the hub's writes back up after a few MiB
 * (the hub's own socket buffer) instead of whatever the kernel would grow an idle buffer to.
 */
public final class StalledWebSocket implements AutoCloseable {

	private final Socket socket;

	private StalledWebSocket(Socket socket) {
		this.socket = socket;
	}

	/** Connects, sends CONNECT with {@code token} and SUBSCRIBE to {@code destination}, and stops reading. */
	public static StalledWebSocket subscribe(int port, String token, String destination) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /ws/websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		StalledWebSocket stalled = new StalledWebSocket(socket);
		stalled.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
		stalled.readUntil("CONNECTED");
		stalled.send("SUBSCRIBE\nid:stalled\ndestination:" + destination + "\nreceipt:stalled\n\n\0");
		stalled.readUntil("RECEIPT");
		return stalled;
	}

	/** Reads until {@code text} has come (frames before the subscription is active are small). */
	private void readUntil(String text) throws IOException {
		this.socket.setSoTimeout(10_000);
		InputStream in = this.socket.getInputStream();
		StringBuilder seen = new StringBuilder();
		byte[] buffer = new byte[4096];
		while (seen.indexOf(text) < 0) {
			int read = in.read(buffer);
			if (read < 0) {
				throw new IOException("the hub closed the connection before " + text + ": " + seen);
			}
			seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
		}
	}

	/** Sends one masked text frame, as a client must. */
	private void send(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		OutputStream out = this.socket.getOutputStream();
		out.write(0x81);
		if (payload.length < 126) {
			out.write(0x80 | payload.length);
		}
		else {
			out.write(0x80 | 126);
			out.write(payload.length >> 8);
			out.write(payload.length & 0xFF);
		}
		out.write(mask);
		for (int i = 0; i < payload.length; i++) {
			out.write(payload[i] ^ mask[i % 4]);
		}
		out.flush();
	}

	/**
	 * Reads (at last) until the hub closes the connection.
	 * @return whether it did within {@code timeout}
	 */
	public boolean drainUntilClosed(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.socket.setSoTimeout(1000);
		InputStream in = this.socket.getInputStream();
		byte[] buffer = new byte[64 * 1024];
		while (System.nanoTime() < deadline) {
			try {
				if (in.read(buffer) < 0) {
					return true;
				}
			}
			catch (SocketTimeoutException ex) {
				// Nothing yet: keep waiting for the end.
			}
			catch (IOException ex) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
