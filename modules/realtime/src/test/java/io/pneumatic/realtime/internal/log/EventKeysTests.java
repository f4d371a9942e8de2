package io.pneumatic.realtime.internal.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventKeysTests {

	@Test
	void keysShareTheJobIdAsHashTag() {
		assertThat(EventKeys.stream("42")).isEqualTo("jobs:{42}:events");
		assertThat(EventKeys.meta("42")).isEqualTo("jobs:{42}:meta");
	}

	@Test
	void readsTheJobIdBackFromAStreamKey() {
		assertThat(EventKeys.jobIdOfStream("jobs:{a_B-9}:events")).isEqualTo("a_B-9");
		assertThat(EventKeys.jobIdOfStream("jobs:{42}:meta")).isNull();
		assertThat(EventKeys.jobIdOfStream(EventKeys.WAKEUP)).isNull();
	}

	@Test
	void acceptsJobIdsOfOneTo64SafeCharacters() {
		assertThat(EventKeys.isValidJobId("a")).isTrue();
		assertThat(EventKeys.isValidJobId("A-z_0".repeat(12) + "abcd")).isTrue();
		assertThat(EventKeys.isValidJobId("x".repeat(65))).isFalse();
		assertThat(EventKeys.isValidJobId("")).isFalse();
		assertThat(EventKeys.isValidJobId("4}2")).isFalse();
		assertThat(EventKeys.isValidJobId("4 2")).isFalse();
	}

	@Test
	void acceptsGroupsOfLowerCaseLettersDigitsAndDashes() {
		assertThat(EventKeys.isValidGroup("relay")).isTrue();
		assertThat(EventKeys.isValidGroup("persist-2")).isTrue();
		assertThat(EventKeys.isValidGroup("Relay")).isFalse();
		assertThat(EventKeys.isValidGroup("-relay")).isFalse();
	}

	@Test
	void entryIdsAreSequenceNumbers() {
		assertThat(EventKeys.seqOfEntryId("17-0")).isEqualTo(17);
		assertThat(EventKeys.seqOfEntryId("1000001")).isEqualTo(1_000_001);
	}

}
