package io.pneumatic.realtime.internal.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;

/**
 * One page of a job's events after a sequence number, merged from the archive and Redis.
 *
 * <p>Events are deduplicated by sequence number; wherever sequence numbers up to the head are in
 * neither source, a {@code replay_truncated} control event ({@code from_seq}, {@code to_seq}) stands
 * in their place. Markers do not count toward the limit.
 *
 * @param jobId the job
 * @param afterSeq the page starts after this sequence number
 * @param limit the most events on the page
 * @param headSeq the job's highest sequence number, read before the events
 */
record ReplayPage(String jobId, long afterSeq, int limit, long headSeq) {

	/**
	 * Merges each source's first events after {@link #afterSeq} (each at most {@link #limit}, in order)
	 * and marks the sequence numbers missing from both.
	 * @param archived events from the archive
	 * @param retained events still in Redis
	 * @param now the time stamp of markers
	 */
	List<EventEnvelope> merge(List<EventEnvelope> archived, List<EventEnvelope> retained, Instant now, JsonMapper jsonMapper) {
		NavigableMap<Long, EventEnvelope> bySeq = new TreeMap<>();
		for (List<EventEnvelope> source : List.of(archived, retained)) {
			for (EventEnvelope event : source) {
				Long seq = event.seq();
				if (seq != null && seq > this.afterSeq) {
					bySeq.putIfAbsent(seq, event);
				}
			}
		}
		List<EventEnvelope> page = new ArrayList<>();
		long expected = this.afterSeq + 1;
		int events = 0;
		for (Map.Entry<Long, EventEnvelope> entry : bySeq.entrySet()) {
			if (events == this.limit) {
				return page;
			}
			if (entry.getKey() > expected) {
				page.add(truncated(expected, entry.getKey() - 1, now, jsonMapper));
			}
			page.add(entry.getValue());
			events++;
			expected = entry.getKey() + 1;
		}
		if (events < this.limit && expected <= this.headSeq) {
			page.add(truncated(expected, this.headSeq, now, jsonMapper));
		}
		return page;
	}

	private EventEnvelope truncated(long fromSeq, long toSeq, Instant now, JsonMapper jsonMapper) {
		ObjectNode payload = jsonMapper.createObjectNode();
		payload.put("from_seq", fromSeq);
		payload.put("to_seq", toSeq);
		return new EventEnvelope(EventEnvelope.jobStream(this.jobId), null, EventTypes.REPLAY_TRUNCATED, now, payload);
	}

}
