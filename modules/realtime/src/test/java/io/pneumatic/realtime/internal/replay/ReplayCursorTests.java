package io.pneumatic.realtime.internal.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCursorTests {

	private final RecordingOutput out = new RecordingOutput();

	@Test
	void replaysAfterLastSeqThenReleasesHeldLiveMessagesWithoutDuplicates() {
		this.out.logUpTo(5);
		ReplayCursor<Message<byte[]>> cursor = new ReplayCursor<>("42", 2L);
		cursor.onLive(5, live(5), this.out);
		cursor.onLive(6, live(6), this.out);
		assertThat(this.out.delivered).isEmpty();

		cursor.onBrokerSubscribed(this.out);
		this.out.logUpTo(6);
		cursor.onLive(7, live(7), this.out);

		assertThat(this.out.delivered).containsExactly("log:3", "log:4", "log:5", "control:replay_complete", "live:6",
				"live:7");
		assertThat(this.out.outcomes).containsExactly(ReplayOutcome.COMPLETE);
	}

	@Test
	void aReplayThatReachesBeyondRedisRetentionComesFromPostgresql() {
		this.out.logUpTo(8);
		this.out.oldestRetained = 5;
		new ReplayCursor<Message<byte[]>>("42", 2L).onBrokerSubscribed(this.out);
		new ReplayCursor<Message<byte[]>>("42", 6L).onBrokerSubscribed(this.out);

		assertThat(this.out.outcomes).containsExactly(ReplayOutcome.FROM_POSTGRESQL, ReplayOutcome.COMPLETE);
	}

	@Test
	void startsAtTheHeadWithoutLastSeq() {
		this.out.logUpTo(10);
		ReplayCursor<Message<byte[]>> cursor = new ReplayCursor<>("42", null);
		cursor.onLive(10, live(10), this.out);
		cursor.onLive(11, live(11), this.out);
		cursor.onBrokerSubscribed(this.out);

		assertThat(this.out.delivered).containsExactly("live:11");
		assertThat(this.out.outcomes).as("nothing to replay").isEmpty();
	}

	@Test
	void onlyALiveMessageAfterAGapReadsTheLog() {
		this.out.logUpTo(9);
		ReplayCursor<Message<byte[]>> cursor = new ReplayCursor<>("42", 0L);
		assertThat(cursor.readsLogFor(20)).as("held until the broker confirms").isFalse();
		cursor.onBrokerSubscribed(this.out);

		assertThat(cursor.readsLogFor(9)).as("a duplicate").isFalse();
		assertThat(cursor.readsLogFor(10)).as("the next one").isFalse();
		assertThat(cursor.readsLogFor(11)).as("one missing before it").isTrue();
	}

	@Test
	void dropsDuplicatesAndFillsGapsFromTheLog() {
		this.out.logUpTo(9);
		ReplayCursor<Message<byte[]>> cursor = new ReplayCursor<>("42", 0L);
		cursor.onBrokerSubscribed(this.out);
		this.out.delivered.clear();

		cursor.onLive(5, live(5), this.out);
		this.out.logUpTo(12);
		cursor.onLive(12, live(12), this.out);
		cursor.onLive(10, live(10), this.out);

		assertThat(this.out.delivered).containsExactly("log:10", "log:11", "live:12");
		assertThat(cursor.nextSeq()).isEqualTo(13);
	}

	@Test
	void reportsEventsGoneEverywhereAsTruncated() {
		this.out.logUpTo(10);
		this.out.forget(1, 4);
		ReplayCursor<Message<byte[]>> cursor = new ReplayCursor<>("42", 0L);
		cursor.onBrokerSubscribed(this.out);

		assertThat(this.out.delivered).containsExactly("control:replay_truncated[1..4]", "log:5", "log:6", "log:7",
				"log:8", "log:9", "log:10", "control:replay_complete");
		assertThat(this.out.outcomes).containsExactly(ReplayOutcome.TRUNCATED);
	}

	@Test
	void pagesThroughLongReplays() {
		this.out.logUpTo(1_234);
		ReplayCursor<Message<byte[]>> cursor = new ReplayCursor<>("42", 0L);
		cursor.onBrokerSubscribed(this.out);

		assertThat(this.out.delivered).hasSize(1_235);
		assertThat(this.out.delivered.get(1_233)).isEqualTo("log:1234");
		assertThat(this.out.reads).isGreaterThan(2);
	}

	private static Message<byte[]> live(long seq) {
		return MessageBuilder.withPayload(new byte[0]).setHeader("seq", seq).build();
	}

	/** An in-memory event log standing in for Redis and PostgreSQL; the cursor logic is what is tested. */
	private static final class RecordingOutput implements CursorOutput<Message<byte[]>> {

		private final TreeMap<Long, EventEnvelope> log = new TreeMap<>();

		private final List<String> delivered = new ArrayList<>();

		private final List<ReplayOutcome> outcomes = new ArrayList<>();

		private long head;

		private long oldestRetained = 1;

		private int reads;

		void logUpTo(long seq) {
			for (long s = this.head + 1; s <= seq; s++) {
				this.log.put(s, new EventEnvelope("jobs.42", s, "log", Instant.now(),
						JsonNodeFactory.instance.objectNode()));
			}
			this.head = Math.max(this.head, seq);
		}

		void forget(long from, long to) {
			for (long s = from; s <= to; s++) {
				this.log.remove(s);
			}
		}

		@Override
		public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
			this.reads++;
			List<EventEnvelope> page = new ArrayList<>();
			long expected = afterSeq + 1;
			for (EventEnvelope event : this.log.tailMap(afterSeq, false).values()) {
				if (page.stream().filter(e -> !e.isControl()).count() == limit) {
					break;
				}
				if (event.seq() > expected) {
					page.add(new EventEnvelope("jobs.42", null, EventTypes.REPLAY_TRUNCATED, Instant.now(),
							JsonNodeFactory.instance.objectNode().put("from_seq", expected).put("to_seq", event.seq() - 1)));
				}
				page.add(event);
				expected = event.seq() + 1;
			}
			return page;
		}

		@Override
		public long headSeq(String jobId) {
			return this.head;
		}

		@Override
		public long oldestRetainedSeq(String jobId) {
			return this.oldestRetained;
		}

		@Override
		public void replayed(ReplayOutcome outcome) {
			this.outcomes.add(outcome);
		}

		@Override
		public void deliverLive(Message<byte[]> message) {
			this.delivered.add("live:" + message.getHeaders().get("seq"));
		}

		@Override
		public void deliverFromLog(EventEnvelope event) {
			if (event.isControl()) {
				String range = EventTypes.REPLAY_TRUNCATED.equals(event.type())
						? "[" + event.payload().get("from_seq").asLong() + ".." + event.payload().get("to_seq").asLong() + "]"
						: "";
				this.delivered.add("control:" + event.type() + range);
			}
			else {
				this.delivered.add("log:" + event.seq());
			}
		}

	}

}
