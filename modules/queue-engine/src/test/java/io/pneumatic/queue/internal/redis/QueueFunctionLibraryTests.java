package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueueFunctionLibraryTests {

	@Test
	void rendersEveryPlaceholder() {
		QueueFunctionLibrary.Source source = QueueFunctionLibrary.DEFAULT.render(QueueSettings.defaults());

		assertThat(source.code()).startsWith("#!lua name=pneumatic_queue\n")
			.doesNotContain("${")
			.contains("local MAX_ATTEMPTS = 5\n", "local BACKOFF_BASE_MS = 1000\n", "local DEFAULT_LEASE_MS = 30000\n",
					"local VERSION = '" + source.version() + "'", "function_name = 'pneumatic_queue_' .. name");
	}

	@Test
	void theVersionFollowsTheSettingsAndTheName() {
		QueueFunctionLibrary.Source defaults = QueueFunctionLibrary.DEFAULT.render(QueueSettings.defaults());

		assertThat(QueueFunctionLibrary.DEFAULT.render(QueueSettings.defaults()).version()).isEqualTo(defaults.version());
		assertThat(QueueFunctionLibrary.DEFAULT.render(QueueSettings.defaults().withLease(Duration.ofSeconds(31))).version())
			.isNotEqualTo(defaults.version());
		assertThat(new QueueFunctionLibrary("other").render(QueueSettings.defaults()).version()).isNotEqualTo(defaults.version());
	}

	@Test
	void namesFunctionsAfterTheLibrary() {
		assertThat(QueueFunctionLibrary.DEFAULT.function("claim")).isEqualTo("pneumatic_queue_claim");
		assertThatIllegalArgumentException().isThrownBy(() -> new QueueFunctionLibrary("Bad-Name"));
	}

}
