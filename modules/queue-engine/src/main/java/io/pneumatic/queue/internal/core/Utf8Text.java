package io.pneumatic.queue.internal.core;

import java.nio.charset.StandardCharsets;

/**
 * Byte limits on text that Redis stores as UTF-8.
 */
public final class Utf8Text {

	private Utf8Text() {
	}

	/** The length of the text in UTF-8 bytes. */
	public static int byteLength(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/** The longest prefix of whole code points that fits in {@code maxBytes} UTF-8 bytes. */
	public static String truncate(String text, int maxBytes) {
		if (text.length() <= maxBytes / 3 || byteLength(text) <= maxBytes) {
			return text;
		}
		int bytes = 0;
		int i = 0;
		while (i < text.length()) {
			int codePoint = text.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > maxBytes) {
				break;
			}
			bytes += size;
			i += Character.charCount(codePoint);
		}
		return text.substring(0, i);
	}

}
