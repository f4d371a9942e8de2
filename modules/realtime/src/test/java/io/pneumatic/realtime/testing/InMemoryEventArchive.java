package io.pneumatic.realtime.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;

/**
 * An {@link EventArchive} in memory, standing in for PostgreSQL in tests. Thread-safe.
 */
public final class InMemoryEventArchive implements EventArchive {

	private final Map<String, NavigableMap<Long, EventEnvelope>> eventsByJob = new ConcurrentHashMap<>();

	/** Archives events of {@code jobId}; a {@code done} event finishes the job. */
	public InMemoryEventArchive archive(String jobId, List<EventEnvelope> events) {
		NavigableMap<Long, EventEnvelope> jobEvents = this.eventsByJob.computeIfAbsent(jobId, (id) -> new ConcurrentSkipListMap<>());
		events.forEach((event) -> jobEvents.put(Objects.requireNonNull(event.seq()), event));
		return this;
	}

	/** Registers an open job without events (its floor is 0). */
	public InMemoryEventArchive open(String jobId) {
		this.eventsByJob.computeIfAbsent(jobId, (id) -> new ConcurrentSkipListMap<>());
		return this;
	}

	@Override
	public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
		NavigableMap<Long, EventEnvelope> events = this.eventsByJob.getOrDefault(jobId, new ConcurrentSkipListMap<>());
		return events.tailMap(afterSeq, false).values().stream().limit(limit).toList();
	}

	@Override
	public List<SequenceFloor> sequenceFloors(Instant finishedSince) {
		List<SequenceFloor> floors = new ArrayList<>();
		this.eventsByJob.forEach((jobId, events) -> {
			long lastSeq = events.isEmpty() ? 0 : events.lastKey();
			EventEnvelope done = events.values().stream().filter((event) -> EventTypes.DONE.equals(event.type())).findFirst().orElse(null);
			if (done == null) {
				floors.add(new SequenceFloor(jobId, lastSeq, false));
			}
			else if (!done.ts().isBefore(finishedSince)) {
				floors.add(new SequenceFloor(jobId, lastSeq, true));
			}
		});
		return floors;
	}

}
