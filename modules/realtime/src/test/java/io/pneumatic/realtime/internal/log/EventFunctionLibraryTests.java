package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventFunctionLibraryTests {

	private final EventSettings events = new EventSettings(1024, 1_000_000, Duration.ofSeconds(5));

	private final RetentionSettings retention = new RetentionSettings(50, Duration.ofMinutes(2), Duration.ofSeconds(90),
			Duration.ofHours(1));

	@Test
	void defaultLibraryPublishesThroughPneumaticPublish() {
		assertThat(EventFunctionLibrary.DEFAULT.name()).isEqualTo("pneumatic");
		assertThat(EventFunctionLibrary.DEFAULT.publishFunction()).isEqualTo("pneumatic_publish");
	}

	@Test
	void rendersSettingsGroupsAndRequiredFieldsIntoTheSource() {
		String source = EventFunctionLibrary.DEFAULT.render(this.events, this.retention, OpsStreamSettings.defaults(), List.of("relay", "persist", "relay"));

		assertThat(source).startsWith("#!lua name=pneumatic\n")
			.contains("redis.register_function('pneumatic_publish', publish)")
			.contains("local GROUPS = { 'persist', 'relay' }")
			.contains("local MAX_PAYLOAD_BYTES = 1024")
			.contains("local MAX_ENTRIES = 50")
			.contains("local MAX_AGE_MS = 120000")
			.contains("local AFTER_DONE_SECONDS = 90")
			.contains("local TOMBSTONE_SECONDS = 3600")
			.contains("['phase_update'] = { 'phase_id', 'status' }")
			.contains("['done'] = { 'status' }")
			.doesNotContain("${");
	}

	@Test
	void rendersNoGroupsAsAnEmptyList() {
		assertThat(EventFunctionLibrary.DEFAULT.render(this.events, this.retention, OpsStreamSettings.defaults(), List.of()))
			.contains("local GROUPS = {  }");
	}

	@Test
	void refusesGroupNamesThatAreNotLowerCaseWordsWithDashes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventFunctionLibrary.DEFAULT.render(this.events, this.retention, OpsStreamSettings.defaults(), List.of("relay'}")))
			.withMessageContaining("relay'}");
	}

	@Test
	void refusesLibraryNamesRedisWouldNotAccept() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventFunctionLibrary("Pneumatic-1"));
	}

}
