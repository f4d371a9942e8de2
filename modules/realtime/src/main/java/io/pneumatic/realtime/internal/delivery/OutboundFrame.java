package io.pneumatic.realtime.internal.delivery;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An encoded STOMP frame on its way to a client, as the delivery layer reads it: its command and
 * headers (the body is never parsed). A frame of only end-of-lines is a heart-beat.
 *
 * @param text the frame as encoded by Spring's STOMP encoder
 * @param command {@code MESSAGE}, {@code RECEIPT}, {@code ERROR}, {@code CONNECTED}…; empty for a heart-beat
 * @param headers the frame's headers, first value wins (STOMP 1.2); values are not unescaped
 */
record OutboundFrame(String text, String command, Map<String, String> headers) {

	static OutboundFrame parse(String text) {
		int end = headerEnd(text);
		int firstLine = text.indexOf('\n');
		if (firstLine < 0 || text.isBlank()) {
			return new OutboundFrame(text, "", Map.of());
		}
		String command = stripCarriageReturn(text.substring(0, firstLine));
		Map<String, String> headers = new HashMap<>();
		int start = firstLine + 1;
		while (start < end) {
			int lineEnd = text.indexOf('\n', start);
			if (lineEnd < 0 || lineEnd > end) {
				lineEnd = end;
			}
			String line = stripCarriageReturn(text.substring(start, lineEnd));
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1));
			}
			start = lineEnd + 1;
		}
		return new OutboundFrame(text, command, headers);
	}

	boolean isHeartbeat() {
		return this.command.isEmpty();
	}

	boolean isMessage() {
		return "MESSAGE".equals(this.command);
	}

	@Nullable String header(String name) {
		return this.headers.get(name);
	}

	/** The same frame with one more header, placed first so that it wins over any later one. */
	OutboundFrame withHeader(String name, String value) {
		int firstLine = this.text.indexOf('\n');
		String text = this.text.substring(0, firstLine + 1) + name + ':' + value + '\n' + this.text.substring(firstLine + 1);
		Map<String, String> headers = new HashMap<>(this.headers);
		headers.put(name, value);
		return new OutboundFrame(text, this.command, headers);
	}

	private static int headerEnd(String text) {
		int end = text.indexOf("\n\n");
		int crlfEnd = text.indexOf("\r\n\r\n");
		if (crlfEnd >= 0 && (end < 0 || crlfEnd < end)) {
			end = crlfEnd;
		}
		return (end < 0) ? text.length() : end;
	}

	private static String stripCarriageReturn(String line) {
		return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
	}

}
