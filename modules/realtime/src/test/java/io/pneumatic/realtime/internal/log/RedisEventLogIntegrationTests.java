package io.pneumatic.realtime.internal.log;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.testing.InMemoryEventArchive;
import io.pneumatic.realtime.testing.TestEventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisEventLogIntegrationTests {

	private static final long GAP = 1000;

	private final EventSettings settings = new EventSettings(65536, GAP, Duration.ofMillis(300));

	private final RetentionSettings tenEntries = new RetentionSettings(10, Duration.ofMinutes(30), Duration.ofMinutes(30),
			Duration.ofHours(24));

	private final TestEventLog log = new TestEventLog().load(this.settings, this.tenEntries, List.of());

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final InMemoryEventArchive archive = new InMemoryEventArchive();

	private final RedisEventPublisher publisher = new RedisEventPublisher(this.log.connections(), this.log.library(),
			this.jsonMapper, this.settings);

	private final RedisEventLog eventLog = new RedisEventLog(this.log.connections(), this.archive,
			new EventEntryMapper(this.jsonMapper), this.jsonMapper, Clock.systemUTC());

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void readsRetainedEventsFromRedisAsTheyWerePublished() {
		String jobId = this.log.newJobId();
		List<EventEnvelope> published = publish(jobId, 5);

		assertThat(this.eventLog.eventsAfter(jobId, 0, 100)).containsExactlyElementsOf(published);
		assertThat(this.eventLog.eventsAfter(jobId, 2, 2)).containsExactlyElementsOf(published.subList(2, 4));
		assertThat(this.eventLog.eventsAfter(jobId, 5, 100)).isEmpty();
		assertThat(this.eventLog.headSeq(jobId)).isEqualTo(5);
	}

	@Test
	void readsBelowRedisRetentionFromTheArchive() {
		String jobId = this.log.newJobId();
		List<EventEnvelope> published = publish(jobId, 300);
		this.archive.archive(jobId, published);
		assertThat(oldestRetainedSeq(jobId)).isGreaterThan(100);

		assertThat(this.eventLog.eventsAfter(jobId, 0, 1000)).containsExactlyElementsOf(published);
		assertThat(this.eventLog.eventsAfter(jobId, 0, 50)).containsExactlyElementsOf(published.subList(0, 50));
		assertThat(this.eventLog.eventsAfter(jobId, 280, 50)).containsExactlyElementsOf(published.subList(280, 300));
	}

	@Test
	void marksEventsGoneFromRedisAndTheArchive() {
		String jobId = this.log.newJobId();
		List<EventEnvelope> published = publish(jobId, 300);
		this.archive.archive(jobId, published.subList(0, 20));
		long oldestRetained = oldestRetainedSeq(jobId);

		List<EventEnvelope> events = this.eventLog.eventsAfter(jobId, 0, 1000);

		assertThat(events.subList(0, 20)).containsExactlyElementsOf(published.subList(0, 20));
		assertThat(events.get(20).type()).isEqualTo("replay_truncated");
		assertThat(events.get(20).seq()).isNull();
		assertThat(events.get(20).payload().toString())
			.isEqualTo("{\"from_seq\":21,\"to_seq\":" + (oldestRetained - 1) + "}");
		assertThat(events.subList(21, events.size())).containsExactlyElementsOf(published.subList((int) oldestRetained - 1, 300));
	}

	@Test
	void marksTheSeqGapLeftByRedisLosingItsData() {
		String jobId = this.log.newJobId();
		List<EventEnvelope> before = publish(jobId, 5);
		this.archive.archive(jobId, before);
		this.log.deleteJobKeys(jobId);
		this.log.unload();
		new SequenceRestorer(this.log.connections(), this.archive, this.log.library(), this.settings, this.tenEntries,
				OpsStreamSettings.defaults(), Clock.systemUTC()).restore(List.of());
		List<EventEnvelope> after = publish(jobId, 2);

		List<EventEnvelope> events = this.eventLog.eventsAfter(jobId, 0, 100);

		assertThat(events).hasSize(8);
		assertThat(events.subList(0, 5)).containsExactlyElementsOf(before);
		assertThat(events.get(5).payload().toString()).isEqualTo("{\"from_seq\":6,\"to_seq\":" + (5 + GAP) + "}");
		assertThat(events.subList(6, 8)).containsExactlyElementsOf(after);
		assertThat(after).extracting(EventEnvelope::seq).containsExactly(5 + GAP + 1, 5 + GAP + 2);
	}

	@Test
	void knowsNothingOfUnknownJobs() {
		String jobId = this.log.newJobId();

		assertThat(this.eventLog.headSeq(jobId)).isZero();
		assertThat(this.eventLog.eventsAfter(jobId, 0, 100)).isEmpty();
	}

	@Test
	void refusesInvalidJobIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.eventLog.eventsAfter("a}b", 0, 10));
	}

	private long oldestRetainedSeq(String jobId) {
		return EventKeys.seqOfEntryId(this.log.redis()
			.xrange(EventKeys.stream(jobId), Range.create("-", "+"), Limit.from(1))
			.getFirst()
			.getId());
	}

	private List<EventEnvelope> publish(String jobId, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> this.publisher.publish(jobId, "token", Map.of("text", "t" + i)))
			.toList();
	}

}
