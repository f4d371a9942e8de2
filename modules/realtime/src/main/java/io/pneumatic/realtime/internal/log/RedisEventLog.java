package io.pneumatic.realtime.internal.log;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.api.sync.RedisCommands;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;

/**
 * Reads a job's events from its Redis stream while retained and from the {@link EventArchive} below
 * the oldest retained one. Thread-safe.
 *
 * <p>The archive is asked only when Redis does not hold the first requested sequence number. The head
 * is read before the events, so a marker never covers an event published during the read.
 */
final class RedisEventLog implements EventLog {

	private final EventLogConnections connections;

	private final EventArchive archive;

	private final EventEntryMapper entryMapper;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	RedisEventLog(EventLogConnections connections, EventArchive archive, EventEntryMapper entryMapper,
			JsonMapper jsonMapper, Clock clock) {
		this.connections = connections;
		this.archive = archive;
		this.entryMapper = entryMapper;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@Override
	public List<EventEnvelope> eventsAfter(String jobId, long afterSeq, int limit) {
		requireValidJobId(jobId);
		if (limit <= 0) {
			return List.of();
		}
		long head = headSeq(jobId);
		if (head > 0 && afterSeq >= head) {
			return List.of();
		}
		RedisCommands<String, String> redis = this.connections.commands();
		List<EventEnvelope> retained = redis
			.xrange(EventKeys.stream(jobId), Range.from(Boundary.including(Long.toString(afterSeq + 1)), Boundary.unbounded()),
					Limit.from(limit))
			.stream()
			.map(this.entryMapper::toEnvelope)
			.filter(Objects::nonNull)
			.toList();
		boolean redisHoldsStart = !retained.isEmpty() && Objects.equals(retained.getFirst().seq(), afterSeq + 1);
		List<EventEnvelope> archived = redisHoldsStart ? List.of() : this.archive.eventsAfter(jobId, afterSeq, limit);
		return new ReplayPage(jobId, afterSeq, limit, head).merge(archived, retained, this.clock.instant(), this.jsonMapper);
	}

	@Override
	public long headSeq(String jobId) {
		requireValidJobId(jobId);
		String seq = this.connections.commands().hget(EventKeys.meta(jobId), "seq");
		return (seq != null) ? Long.parseLong(seq) : 0;
	}

	@Override
	public long oldestRetainedSeq(String jobId) {
		requireValidJobId(jobId);
		return this.connections.commands()
			.xrange(EventKeys.stream(jobId), Range.unbounded(), Limit.from(1))
			.stream()
			.map(this.entryMapper::toEnvelope)
			.filter((event) -> event != null && event.seq() != null)
			.mapToLong(EventEnvelope::seq)
			.findFirst()
			.orElse(0);
	}

	private static void requireValidJobId(String jobId) {
		if (!EventKeys.isValidJobId(jobId)) {
			throw new IllegalArgumentException("Job id '" + jobId + "' is not 1 to 64 characters of [A-Za-z0-9_-]");
		}
	}

}
