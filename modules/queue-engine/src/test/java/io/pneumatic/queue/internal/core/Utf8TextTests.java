package io.pneumatic.queue.internal.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8TextTests {

	@Test
	void countsUtf8Bytes() {
		for (String text : new String[] { "", "abc", "ü", "€", "😀", "a😀ü€" }) {
			assertThat(Utf8Text.byteLength(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void truncatesOnCodePointBoundaries() {
		assertThat(Utf8Text.truncate("hello", 10)).isEqualTo("hello");
		assertThat(Utf8Text.truncate("hello", 3)).isEqualTo("hel");
		assertThat(Utf8Text.truncate("aü", 2)).isEqualTo("a");
		assertThat(Utf8Text.truncate("a😀b", 4)).isEqualTo("a");
		assertThat(Utf8Text.truncate("a😀b", 5)).isEqualTo("a😀");
		assertThat(Utf8Text.truncate("€€€", 0)).isEmpty();
	}

}
