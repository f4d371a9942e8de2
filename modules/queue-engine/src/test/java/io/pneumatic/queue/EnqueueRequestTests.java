package io.pneumatic.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnqueueRequestTests {

	@Test
	void refusesAnUnorderedLaneChosenByTheClient() {
		assertThatExceptionOfType(QueueRequestRejectedException.class)
			.isThrownBy(() -> EnqueueRequest.of(Lane.of("unordered-3"), "{}"))
			.withMessageContaining("leave the lane out")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(QueueRequestRejectedException.Reason.INVALID_LANE));
	}

	@Test
	void withersKeepTheOtherParts() {
		ItemDetails details = new ItemDetails("post", "ann", "bob", "hello", "job-1");

		EnqueueRequest request = EnqueueRequest.of(Lane.topicPosts("1"), "{\"a\":1}").withClientKey("k-1").withDetails(details);

		assertThat(request).isEqualTo(new EnqueueRequest(Lane.topicPosts("1"), "k-1", "{\"a\":1}", details));
		assertThat(EnqueueRequest.unordered("{}").lane()).isNull();
	}

}
