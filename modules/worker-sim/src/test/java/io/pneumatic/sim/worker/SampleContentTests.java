package io.pneumatic.sim.worker;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.LaneKind;
import io.pneumatic.queue.Lease;

import static org.assertj.core.api.Assertions.assertThat;

class SampleContentTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesTopicsPostsAndMessagesByTheItemContractOnTheirLanes() {
		SampleContent content = new SampleContent(new SplittableRandom(11), JSON, 2, 3);
		Set<String> lanes = new HashSet<>();
		Set<String> types = new HashSet<>();
		for (int i = 0; i < 300; i++) {
			EnqueueRequest request = content.next("key-" + i);
			assertThat(request.clientKey()).isEqualTo("key-" + i);
			assertThat(request.lane()).isNotNull();
			LaneKind kind = request.lane().kind();
			String type = request.details().contentType();
			assertThat(type).isNotNull();
			switch (type) {
				case "topic" -> assertThat(kind).isEqualTo(LaneKind.GLOBAL_TOPICS);
				case "post" -> assertThat(kind).isEqualTo(LaneKind.TOPIC_POSTS);
				case "message" -> {
					assertThat(kind).isEqualTo(LaneKind.CONVERSATION_MESSAGES);
					assertThat(request.details().sender()).isEqualTo(request.details().author());
				}
				default -> throw new AssertionError("unexpected content type " + type);
			}
			assertThat(request.details().author()).matches("demo-user-[1-5]");
			assertThat(request.details().preview()).isNotBlank();
			assertThat(request.details().jobId()).isNull();
			WorkItem item = WorkItem.of(new Claim(new Lease(Integer.toString(i), "1"), request.lane(), 1, Instant.now(),
					Instant.now(), request.params(), request.details()), JSON);
			assertThat(item.problem()).isNull();
			lanes.add(request.lane().name());
			types.add(type);
		}
		assertThat(types).containsExactlyInAnyOrder("topic", "post", "message");
		assertThat(lanes).containsExactlyInAnyOrder("global_topics", "posts_topic_demo-1", "posts_topic_demo-2",
				"messages_conv_demo-1", "messages_conv_demo-2", "messages_conv_demo-3");
	}

}
