package io.pneumatic.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pneumatic.queue.QueueRequestRejectedException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LaneTests {

	@Test
	void readsTheKindFromTheName() {
		assertThat(Lane.globalTopics().kind()).isEqualTo(LaneKind.GLOBAL_TOPICS);
		assertThat(Lane.globalTopics().name()).isEqualTo("global_topics");
		assertThat(Lane.topicPosts("42")).isEqualTo(Lane.of("posts_topic_42"));
		assertThat(Lane.topicPosts("42").kind()).isEqualTo(LaneKind.TOPIC_POSTS);
		assertThat(Lane.conversationMessages("a1-b2").name()).isEqualTo("messages_conv_a1-b2");
		assertThat(Lane.conversationMessages("a1-b2").kind()).isEqualTo(LaneKind.CONVERSATION_MESSAGES);
		assertThat(Lane.of("unordered-17").kind()).isEqualTo(LaneKind.UNORDERED);
		assertThat(Lane.of("video-encoding_2").kind()).isEqualTo(LaneKind.NAMED);
		assertThat(Lane.of("global_topics_2").kind()).isEqualTo(LaneKind.NAMED);
	}

	@Test
	void acceptsNamesUpToTheLimit() {
		String longest = "a".repeat(Lane.MAX_LENGTH);

		assertThat(Lane.of(longest).name()).hasSize(128);
		assertThat(Lane.of("7").kind()).isEqualTo(LaneKind.NAMED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Upper", "with space", "_leading", "-leading", "dots.not.allowed", "ümlaut", "posts_topic_",
			"messages_conv_", "unordered-x", "unordered-", "slash/no" })
	void refusesInvalidNames(String name) {
		assertThatExceptionOfType(QueueRequestRejectedException.class).isThrownBy(() -> Lane.of(name))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_LANE));
	}

	@Test
	void refusesNamesOverTheLimitWithAShortMessage() {
		assertThatExceptionOfType(QueueRequestRejectedException.class)
			.isThrownBy(() -> Lane.of("a".repeat(Lane.MAX_LENGTH + 1)))
			.withMessageContaining("must be 1 to 128 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
	}

	@Test
	void refusesUpperCaseTopicIds() {
		assertThatExceptionOfType(QueueRequestRejectedException.class).isThrownBy(() -> Lane.topicPosts("ABC"));
	}

	@Test
	void kindTagsAreLowerSnakeCase() {
		assertThat(LaneKind.values()).extracting(LaneKind::tag)
			.containsExactly("global_topics", "topic_posts", "conversation_messages", "named", "unordered");
	}

}
