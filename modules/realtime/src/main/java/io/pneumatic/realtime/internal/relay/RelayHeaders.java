package io.pneumatic.realtime.internal.relay;

/**
 * STOMP headers the relay adds to every event it sends to the broker.
 */
public final class RelayHeaders {

	/** The event's per-stream sequence number, so that subscribers can order without parsing the body. */
	public static final String SEQ = "seq";

	private RelayHeaders() {
	}

}
