package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The publish function called with plain Redis commands, as a worker in any language would.
 */
class PublishFunctionIntegrationTests {

	private final TestEventLog log = new TestEventLog()
		.load(new EventSettings(256, 1_000_000, Duration.ofMillis(300)),
				new RetentionSettings(5000, Duration.ofMinutes(30), Duration.ofSeconds(90), Duration.ofHours(2)),
				List.of("relay", "persist"));

	private final RedisCommands<String, String> redis = this.log.redis();

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void appendsEventsWithConsecutiveSeqsAsStreamIds() {
		String jobId = this.log.newJobId();

		List<Object> first = this.log.publish(jobId, "token", "{\"text\":\"hi\"}");
		List<Object> second = this.log.publish(jobId, "log", "{\"level\":\"info\",\"message\":\"m\"}");
		List<Object> third = this.log.publish(jobId, "status", "{\"status\":\"running\"}");

		assertThat(List.of(first.get(0), second.get(0), third.get(0))).containsExactly(1L, 2L, 3L);
		assertThat(Instant.parse((String) first.get(1))).isCloseTo(redisTime(), within(Duration.ofSeconds(5)));
		List<StreamMessage<String, String>> entries = this.redis.xrange(EventKeys.stream(jobId), Range.create("-", "+"));
		assertThat(entries).extracting(StreamMessage::getId).containsExactly("1-0", "2-0", "3-0");
		assertThat(entries.getFirst().getBody()).containsExactly(Map.entry("type", "token"),
				Map.entry("ts", (String) first.get(1)), Map.entry("payload", "{\"text\":\"hi\"}"));
		assertThat(this.redis.hget(EventKeys.meta(jobId), "seq")).isEqualTo("3");
	}

	@Test
	void firstEventCreatesTheGroupsRegistersTheJobAndWakesReadersUp() {
		String jobId = this.log.newJobId();
		long wakeups = this.redis.xlen(EventKeys.WAKEUP);

		this.log.publish(jobId, "token", "{\"text\":\"hi\"}");
		this.log.publish(jobId, "token", "{\"text\":\"again\"}");

		assertThat(this.redis.xinfoGroups(EventKeys.stream(jobId))).hasSize(2);
		assertThat(this.redis.zscore(EventKeys.JOBS, jobId)).isEqualTo(Double.POSITIVE_INFINITY);
		List<StreamMessage<String, String>> newest = this.redis.xrevrange(EventKeys.WAKEUP, Range.create("-", "+"),
				Limit.from(50));
		assertThat(newest).filteredOn((entry) -> jobId.equals(entry.getBody().get("job"))).hasSize(1);
		assertThat(this.redis.xlen(EventKeys.WAKEUP)).isGreaterThan(wakeups);
	}

	@Test
	void refusesInvalidEventsAndWritesNothing() {
		String jobId = this.log.newJobId();
		this.log.publish(jobId, "token", "{\"text\":\"first\"}");

		assertRefused(jobId, "tokn", "{\"text\":\"x\"}", "UNKNOWN_TYPE");
		assertRefused(jobId, "replay_truncated", "{}", "UNKNOWN_TYPE");
		assertRefused(jobId, "token", "[\"text\"]", "INVALID_PAYLOAD");
		assertRefused(jobId, "token", "[]", "INVALID_PAYLOAD");
		assertRefused(jobId, "token", "{\"text\":", "INVALID_PAYLOAD");
		assertRefused(jobId, "token", "\"text\"", "INVALID_PAYLOAD");
		assertRefused(jobId, "token", "{\"txt\":\"x\"}", "MISSING_FIELD");
		assertRefused(jobId, "token", "{\"text\":null}", "MISSING_FIELD");
		assertRefused(jobId, "phase_update", "{\"phase_id\":\"p1\"}", "MISSING_FIELD");
		assertRefused(jobId, "token", "{\"text\":\"" + "x".repeat(250) + "\"}", "PAYLOAD_TOO_LARGE");

		assertThat(this.redis.xlen(EventKeys.stream(jobId))).isOne();
		assertThat(this.redis.hgetall(EventKeys.meta(jobId))).containsExactly(Map.entry("seq", "1"));
	}

	@Test
	void refusesKeysThatAreNotAJobsKeys() {
		String jobId = this.log.newJobId();

		assertThatExceptionOfType(RedisCommandExecutionException.class)
			.isThrownBy(() -> this.redis.fcall(this.log.library().publishFunction(), ScriptOutputType.MULTI,
					new String[] { EventKeys.stream(jobId), EventKeys.meta("other"), EventKeys.JOBS, EventKeys.WAKEUP },
					"token", "{\"text\":\"x\"}"))
			.withMessageStartingWith("ERR INVALID_JOB_ID ");
		assertThat(this.redis.exists(EventKeys.stream(jobId), EventKeys.meta(jobId), EventKeys.meta("other"))).isZero();
	}

	@Test
	void doneFinishesTheJobAndLaterEventsAreRefused() {
		String jobId = this.log.newJobId();
		this.log.publish(jobId, "token", "{\"text\":\"hi\"}");

		List<Object> done = this.log.publish(jobId, "done", "{\"status\":\"completed\"}");

		assertThat(done.getFirst()).isEqualTo(2L);
		assertRefused(jobId, "token", "{\"text\":\"late\"}", "JOB_FINISHED");
		assertRefused(jobId, "done", "{\"status\":\"completed\"}", "JOB_FINISHED");
		assertThat(this.redis.xlen(EventKeys.stream(jobId))).isEqualTo(2);
		assertThat(this.redis.hgetall(EventKeys.meta(jobId))).containsEntry("seq", "2").containsEntry("done", "1");
		assertThat(this.redis.ttl(EventKeys.stream(jobId))).isBetween(80L, 90L);
		assertThat(this.redis.ttl(EventKeys.meta(jobId))).isBetween(7100L, 7200L);
		assertThat(this.redis.zscore(EventKeys.JOBS, jobId))
			.isCloseTo(redisTime().toEpochMilli(), offset(5000.0));
	}

	@Test
	void trimsToTheMaxEntriesApproximately() {
		TestEventLog small = new TestEventLog().load(TestEventLog.eventSettings(),
				new RetentionSettings(10, Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(24)), List.of());
		try {
			String jobId = small.newJobId();
			for (int i = 0; i < 500; i++) {
				small.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			}

			assertThat(this.redis.xlen(EventKeys.stream(jobId))).isBetween(10L, 110L);
			List<StreamMessage<String, String>> last = this.redis.xrevrange(EventKeys.stream(jobId), Range.create("-", "+"),
					Limit.from(1));
			assertThat(last.getFirst().getId()).isEqualTo("500-0");
		}
		finally {
			small.close();
		}
	}

	@Test
	void neverTrimsWhatAConsumerGroupHasNotAcknowledged() {
		TestEventLog small = new TestEventLog().load(TestEventLog.eventSettings(),
				new RetentionSettings(10, Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(24)),
				List.of("slow"));
		try {
			String jobId = small.newJobId();
			String stream = EventKeys.stream(jobId);
			for (int i = 1; i <= 200; i++) {
				small.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			}
			assertThat(this.redis.xlen(stream)).isEqualTo(200);

			List<StreamMessage<String, String>> read = this.redis.xreadgroup(Consumer.from("slow", "c1"),
					XReadArgs.Builder.count(150), XReadArgs.StreamOffset.lastConsumed(stream));
			this.redis.xack(stream, "slow", read.stream().map(StreamMessage::getId).toArray(String[]::new));
			for (int i = 201; i <= 264; i++) {
				small.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			}

			String oldest = this.redis.xrange(stream, Range.create("-", "+"), Limit.from(1)).getFirst().getId();
			assertThat(oldest).isEqualTo("151-0");
		}
		finally {
			small.close();
		}
	}

	@Test
	void trimsEntriesOlderThanTheMaxAgeWhenTheJobPublishes() {
		TestEventLog young = new TestEventLog().load(TestEventLog.eventSettings(),
				new RetentionSettings(5000, Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofHours(24)), List.of());
		try {
			String jobId = young.newJobId();
			for (int i = 0; i < 300; i++) {
				young.publish(jobId, "token", "{\"text\":\"" + i + "\"}");
			}

			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				young.publish(jobId, "token", "{\"text\":\"later\"}");
				String oldest = this.redis.xrange(EventKeys.stream(jobId), Range.create("-", "+"), Limit.from(1))
					.getFirst()
					.getId();
				assertThat(EventKeys.seqOfEntryId(oldest)).isGreaterThan(300);
			});
		}
		finally {
			young.close();
		}
	}

	@Test
	void neverReusesASeqWhenTheMetaHashIsLostButTheStreamRemains() {
		String jobId = this.log.newJobId();
		for (int i = 0; i < 5; i++) {
			this.log.publish(jobId, "token", "{\"text\":\"x\"}");
		}
		this.redis.del(EventKeys.meta(jobId));

		List<Object> next = this.log.publish(jobId, "token", "{\"text\":\"after\"}");

		assertThat(next.getFirst()).isEqualTo(6L);
		assertThat(this.redis.hget(EventKeys.meta(jobId), "seq")).isEqualTo("6");
	}

	@Test
	void refusesWithNotReadyWhileTheWakeupStreamIsGone() {
		// The test Redis database is shared with other tests: only rename the marker for a moment.
		String jobId = this.log.newJobId();
		String parked = "events:wakeup:parked:" + jobId;
		this.redis.rename(EventKeys.WAKEUP, parked);
		try {
			assertRefused(jobId, "token", "{\"text\":\"x\"}", "NOT_READY");
		}
		finally {
			this.redis.rename(parked, EventKeys.WAKEUP);
		}
		assertThat(this.redis.exists(EventKeys.stream(jobId), EventKeys.meta(jobId))).isZero();
	}

	private void assertRefused(String jobId, String type, String payload, String reason) {
		assertThatExceptionOfType(RedisCommandExecutionException.class).as("%s %s", type, payload)
			.isThrownBy(() -> this.log.publish(jobId, type, payload))
			.withMessageStartingWith("ERR " + reason + " ");
	}

	private Instant redisTime() {
		List<String> time = this.redis.time();
		return Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1000);
	}

}
