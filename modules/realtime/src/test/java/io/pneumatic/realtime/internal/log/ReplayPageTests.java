package io.pneumatic.realtime.internal.log;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayPageTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@Test
	void mergesArchiveAndRedisDeduplicatedBySeq() {
		List<EventEnvelope> page = new ReplayPage("42", 0, 100, 6).merge(events(1, 4), events(3, 6), NOW, this.jsonMapper);

		assertThat(page).extracting(EventEnvelope::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
	}

	@Test
	void marksSeqsMissingFromBothSources() {
		List<EventEnvelope> page = new ReplayPage("42", 0, 100, 9).merge(events(1, 2), events(6, 9), NOW, this.jsonMapper);

		assertThat(page).extracting(this::describe).containsExactly("1", "2", "truncated 3..5", "6", "7", "8", "9");
	}

	@Test
	void marksTheMissingTailUpToTheHead() {
		List<EventEnvelope> page = new ReplayPage("42", 2, 100, 1_000_004).merge(events(3, 4), List.of(), NOW, this.jsonMapper);

		assertThat(page).extracting(this::describe).containsExactly("3", "4", "truncated 5..1000004");
	}

	@Test
	void marksEverythingWhenNothingIsLeft() {
		List<EventEnvelope> page = new ReplayPage("42", 10, 100, 20).merge(List.of(), List.of(), NOW, this.jsonMapper);

		assertThat(page).singleElement().satisfies((marker) -> {
			assertThat(marker.isControl()).isTrue();
			assertThat(marker.stream()).isEqualTo("jobs.42");
			assertThat(marker.type()).isEqualTo("replay_truncated");
			assertThat(marker.ts()).isEqualTo(NOW);
			assertThat(marker.payload().toString()).isEqualTo("{\"from_seq\":11,\"to_seq\":20}");
		});
	}

	@Test
	void stopsAtTheLimitWithoutATrailingMarkerAndMarkersDoNotCount() {
		List<EventEnvelope> page = new ReplayPage("42", 0, 3, 100).merge(events(1, 1), events(5, 50), NOW, this.jsonMapper);

		assertThat(page).extracting(this::describe).containsExactly("1", "truncated 2..4", "5", "6");
	}

	@Test
	void ignoresEventsAtOrBeforeTheStart() {
		List<EventEnvelope> page = new ReplayPage("42", 3, 100, 5).merge(events(1, 5), List.of(), NOW, this.jsonMapper);

		assertThat(page).extracting(EventEnvelope::seq).containsExactly(4L, 5L);
	}

	private String describe(EventEnvelope event) {
		return event.isControl()
				? "truncated " + event.payload().get("from_seq").asLong() + ".." + event.payload().get("to_seq").asLong()
				: String.valueOf(event.seq());
	}

	private List<EventEnvelope> events(long from, long to) {
		return LongStream.rangeClosed(from, to)
			.mapToObj((seq) -> new EventEnvelope("jobs.42", seq, "token", NOW, this.jsonMapper.createObjectNode().put("text", "t" + seq)))
			.toList();
	}

}
