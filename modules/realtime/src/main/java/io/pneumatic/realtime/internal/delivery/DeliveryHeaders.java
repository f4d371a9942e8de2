package io.pneumatic.realtime.internal.delivery;

import io.pneumatic.realtime.internal.relay.RelayHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The STOMP headers the delivery layer adds to MESSAGE frames, and readers of the relay's.
 */
final class DeliveryHeaders {

	/** On a critical event: the id the client acknowledges with {@code SEND /app/ack}. */
	static final String ACK_ID = "ack-id";

	/** {@code true} on a critical event sent again because no acknowledgement came. */
	static final String REDELIVERED = "redelivered";

	private DeliveryHeaders() {
	}

	static @Nullable Long seq(OutboundFrame frame) {
		return parseLong(frame.header(RelayHeaders.SEQ));
	}

	static @Nullable Long publishedAt(OutboundFrame frame) {
		return parseLong(frame.header(RelayHeaders.PUBLISHED_AT));
	}

	private static @Nullable Long parseLong(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
