package io.pneumatic.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forwarder on a loopback port that a test can cut and restore, to play a service outage:
 * {@link #cut()} drops every open connection and refuses new ones, {@link #restore()} forwards again.
 *
 * <p>Thread-safe; each connection is pumped by two virtual threads.
 */
public final class TcpProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TcpProxy.class);

	private final String upstreamHost;

	private final int upstreamPort;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private TcpProxy(String upstreamHost, int upstreamPort, boolean cut) throws IOException {
		this.upstreamHost = upstreamHost;
		this.upstreamPort = upstreamPort;
		this.cut = cut;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().name("tcp-proxy-" + port()).start(this::acceptLoop);
	}

	/** A proxy that forwards to the given endpoint from the start. */
	public static TcpProxy to(String upstreamHost, int upstreamPort) throws IOException {
		return new TcpProxy(upstreamHost, upstreamPort, false);
	}

	/** A proxy to the given endpoint that is cut until {@link #restore()}. */
	public static TcpProxy cutTo(String upstreamHost, int upstreamPort) throws IOException {
		return new TcpProxy(upstreamHost, upstreamPort, true);
	}

	/** The loopback port clients connect to. */
	public int port() {
		return this.server.getLocalPort();
	}

	/** Drops every open connection and refuses new ones until {@link #restore()}. */
	public void cut() {
		this.cut = true;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/** Forwards new connections again. */
	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.server);
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					client.close();
					continue;
				}
				Socket upstream;
				try {
					upstream = new Socket(this.upstreamHost, this.upstreamPort);
				}
				catch (IOException ex) {
					closeQuietly(client);
					throw ex;
				}
				this.open.add(client);
				this.open.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				if (!this.server.isClosed()) {
					logger.debug("event=proxy_accept_failed cause={}", ex.toString());
				}
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the other side or cut() closed the connection
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
