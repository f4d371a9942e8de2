package io.pneumatic.sim.worker;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.Lease;

import static org.assertj.core.api.Assertions.assertThat;

class WorkItemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void derivesTheJobIdFromTheItemIdWhenTheItemNamesNone() {
		WorkItem item = WorkItem.of(claim("{\"body\":\"hi\"}", new ItemDetails("post", "demo-user-1", null, "hi", null)), JSON);

		assertThat(item.jobId()).isEqualTo("q-17");
		assertThat(item.isInvalid()).isFalse();
		assertThat(item.screenedText()).isEqualTo("hi");
	}

	@Test
	void keepsTheNamedJobIdOwnerAndLane() {
		WorkItem item = WorkItem.of(claim("{\"title\":\"T\",\"body\":\"B\"}", new ItemDetails("topic", "alice", null, null, "job-9")), JSON);

		assertThat(item.jobId()).isEqualTo("job-9");
		assertThat(item.author()).isEqualTo("alice");
		assertThat(item.lane()).isEqualTo("posts_topic_5");
		assertThat(item.attempt()).isEqualTo(2);
		assertThat(item.screenedText()).isEqualTo("T\nB");
	}

	@Test
	void treatsAnItemWithoutContentTypeAsAGenericJobWithFreeFormParams() {
		WorkItem item = WorkItem.of(claim("{\"steps\":3}", ItemDetails.NONE), JSON);

		assertThat(item.contentType()).isEqualTo("job");
		assertThat(item.isInvalid()).isFalse();
		assertThat(item.screenedText()).isEqualTo("{\"steps\":3}");
	}

	@Test
	void acceptsEmptyParamsForGenericJobs() {
		assertThat(WorkItem.of(claim("", ItemDetails.ofJob("j", "batch")), JSON).isInvalid()).isFalse();
	}

	@Test
	void reportsContractBreaches() {
		assertThat(WorkItem.of(claim("not json", ItemDetails.ofJob("j", "post")), JSON).problem()).startsWith("params are not JSON");
		assertThat(WorkItem.of(claim("[1]", ItemDetails.ofJob("j", "batch")), JSON).problem()).isEqualTo("params are not a JSON object");
		assertThat(WorkItem.of(claim("{\"topic_id\":\"5\"}", ItemDetails.ofJob("j", "post")), JSON).problem())
			.isEqualTo("a post needs a non-blank params.body");
		assertThat(WorkItem.of(claim("{\"body\":\" \"}", ItemDetails.ofJob("j", "message")), JSON).problem())
			.isEqualTo("a message needs a non-blank params.body");
		assertThat(WorkItem.of(claim("{}", ItemDetails.ofJob("j", "topic")), JSON).problem())
			.isEqualTo("a topic needs a non-blank params.title or params.body");
		assertThat(WorkItem.of(claim("{\"body\":\"x\"}", ItemDetails.ofJob("no spaces allowed", "post")), JSON).problem())
			.contains("is not 1 to 64 characters");
	}

	static Claim claim(String params, ItemDetails details) {
		return new Claim(new Lease("17", "42"), Lane.topicPosts("5"), 2, Instant.now().plusSeconds(30), Instant.now(), params,
				details);
	}

}
