package io.pneumatic.api.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventArchive.SequenceFloor;
import io.pneumatic.realtime.EventEnvelope;

import static io.pneumatic.api.jobs.TestEvents.T0;
import static io.pneumatic.api.jobs.TestEvents.event;
import static io.pneumatic.api.jobs.TestEvents.newJobId;
import static org.assertj.core.api.Assertions.assertThat;

@HubIntegrationTest
class JobEventArchiveIntegrationTests {

	@Autowired
	EventArchive archive;

	@Autowired
	JobEventRecorder recorder;

	@Test
	void returnsTheEventsAfterASeqInOrderUpToTheLimit() throws Exception {
		String jobId = newJobId();
		this.recorder.consume(List.of(event(jobId, 1, "status", Map.of("status", "running")),
				event(jobId, 2, "log", Map.of("level", "info", "message", "one")),
				event(jobId, 3, "log", Map.of("level", "warn", "message", "two")),
				event(jobId, 4, "token", Map.of("text", "t"))));

		List<EventEnvelope> events = this.archive.eventsAfter(jobId, 1, 2);

		assertThat(events).extracting(EventEnvelope::seq).containsExactly(2L, 3L);
		EventEnvelope first = events.getFirst();
		assertThat(first.stream()).isEqualTo("jobs." + jobId);
		assertThat(first.type()).isEqualTo("log");
		assertThat(first.ts()).isEqualTo(T0.plusSeconds(2));
		assertThat(first.payload().get("message").asString()).isEqualTo("one");
		assertThat(this.archive.eventsAfter(jobId, 4, 10)).isEmpty();
		assertThat(this.archive.eventsAfter(newJobId(), 0, 10)).isEmpty();
	}

	@Test
	void givesTheFloorsOfOpenJobsAndOfJobsFinishedSinceTheCutOff() throws Exception {
		String open = newJobId();
		String finishedLately = newJobId();
		String finishedLongAgo = newJobId();
		Instant now = Instant.now();
		this.recorder.consume(List.of(event(open, 1, "status", Map.of("status", "running")),
				event(open, 2, "token", Map.of("text", "t")),
				new EventEnvelope(EventEnvelope.jobStream(finishedLately), 1L, "done", now.minusSeconds(60),
						TestEvents.payload(Map.of("status", "succeeded"))),
				new EventEnvelope(EventEnvelope.jobStream(finishedLongAgo), 1L, "done", now.minusSeconds(7200),
						TestEvents.payload(Map.of("status", "succeeded")))));

		List<SequenceFloor> floors = this.archive.sequenceFloors(now.minusSeconds(1800));

		assertThat(floors).contains(new SequenceFloor(open, 2, false), new SequenceFloor(finishedLately, 1, true));
		assertThat(floors).extracting(SequenceFloor::jobId).doesNotContain(finishedLongAgo);
	}

}
