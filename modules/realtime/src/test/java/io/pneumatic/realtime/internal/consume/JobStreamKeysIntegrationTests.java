package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.realtime.internal.log.EventKeys;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;

class JobStreamKeysIntegrationTests {

	private final String group = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final TestEventLog log = new TestEventLog()
		.load(TestEventLog.eventSettings(), TestEventLog.retention(), List.of(this.group));

	private final JobStreamKeys keys = new JobStreamKeys(this.group, Duration.ofMinutes(30), Duration.ofMinutes(5),
			Clock.systemUTC());

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void leavesOutAFinishedJobOnceItsGroupHasReadAndAcknowledgedEveryEvent() {
		String open = this.log.newJobId();
		String finished = this.log.newJobId();
		this.log.publish(open, "token", "{\"text\":\"a\"}");
		this.log.publish(finished, "token", "{\"text\":\"a\"}");
		this.log.publish(finished, "done", "{\"status\":\"succeeded\"}");

		assertThat(refreshedKeys()).contains(EventKeys.stream(open), EventKeys.stream(finished));

		List<StreamMessage<String, String>> read = readAll(finished);
		assertThat(refreshedKeys()).as("events read, not acknowledged")
			.contains(EventKeys.stream(open), EventKeys.stream(finished));

		this.log.redis().xack(EventKeys.stream(finished), this.group, read.getFirst().getId());
		assertThat(refreshedKeys()).as("one event still pending").contains(EventKeys.stream(finished));

		this.log.redis().xack(EventKeys.stream(finished), this.group, read.getLast().getId());
		assertThat(refreshedKeys()).contains(EventKeys.stream(open)).doesNotContain(EventKeys.stream(finished));
	}

	@Test
	void keepsAFinishedJobThatAnotherGroupHasReadButItsOwnHasNot() {
		String finished = this.log.newJobId();
		this.log.publish(finished, "done", "{\"status\":\"succeeded\"}");
		JobStreamKeys otherGroupKeys = new JobStreamKeys("other-" + this.group, Duration.ofMinutes(30),
				Duration.ofMinutes(5), Clock.systemUTC());
		this.log.redis().xgroupCreate(StreamOffset.latest(EventKeys.stream(finished)), "other-" + this.group);

		otherGroupKeys.refreshIfDue(this.log.redis());

		assertThat(otherGroupKeys.current()).doesNotContain(EventKeys.stream(finished));
		assertThat(refreshedKeys()).contains(EventKeys.stream(finished));
	}

	private List<StreamMessage<String, String>> readAll(String jobId) {
		return this.log.redis().xreadgroup(Consumer.from(this.group, "instance-a"), new XReadArgs().count(100),
				StreamOffset.lastConsumed(EventKeys.stream(jobId)));
	}

	private List<String> refreshedKeys() {
		this.keys.requestRefresh();
		this.keys.refreshIfDue(this.log.redis());
		return this.keys.current();
	}

}
