package io.pneumatic.realtime.internal.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The STOMP address the relay connects to, resolved once at start-up: for the embedded broker,
 * port {@code 0} means a free port chosen now (several hubs on one machine, tests).
 *
 * @param host the broker host
 * @param port the broker's STOMP port
 */
public record BrokerEndpoint(String host, int port) {

	/** Resolves the configured address. */
	public static BrokerEndpoint of(BrokerSettings settings) {
		int port = settings.stompPort();
		if (port == 0 && settings.mode() == BrokerSettings.Mode.EMBEDDED) {
			port = freePort(settings.host());
		}
		return new BrokerEndpoint(settings.host(), port);
	}

	private static int freePort(String host) {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port for the embedded broker on " + host, ex);
		}
	}

}
