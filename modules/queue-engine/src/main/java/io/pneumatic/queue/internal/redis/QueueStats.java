package io.pneumatic.queue.internal.redis;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.pneumatic.queue.LaneKind;

/**
 * The counters the library keeps in {@code queue:stats}, over all app instances and workers.
 *
 * @param takenAt when they were read (Redis time)
 * @param lengths items per lane kind, in flight included
 * @param inFlight items in flight per lane kind
 * @param averageMillis the moving average of processing times per lane kind that has one
 * @param enqueued items enqueued since Redis was last emptied (duplicates not counted)
 * @param completed items completed
 * @param leaseExpiries leases that expired
 * @param deadLettered items moved to the dead-letter list
 * @param deadLetters items in the dead-letter list now
 * @param lanes lanes known now (with items, or idle for less than the idle TTL)
 */
public record QueueStats(Instant takenAt, Map<LaneKind, Long> lengths, Map<LaneKind, Long> inFlight,
		Map<LaneKind, Double> averageMillis, long enqueued, long completed, long leaseExpiries, long deadLettered,
		long deadLetters, long lanes) {

	/** Nothing counted yet. */
	public static final QueueStats EMPTY = new QueueStats(Instant.EPOCH, Map.of(), Map.of(), Map.of(), 0, 0, 0, 0, 0, 0);

	public QueueStats {
		lengths = Map.copyOf(lengths);
		inFlight = Map.copyOf(inFlight);
		averageMillis = Map.copyOf(averageMillis);
	}

	/** Items of a lane kind, in flight included. */
	public long length(LaneKind kind) {
		return this.lengths.getOrDefault(kind, 0L);
	}

	/** Items of a lane kind in flight. */
	public long inFlight(LaneKind kind) {
		return this.inFlight.getOrDefault(kind, 0L);
	}

	/** The average processing time of a lane kind in milliseconds, or {@code null} if it has none yet. */
	public @Nullable Double averageMillis(LaneKind kind) {
		return this.averageMillis.get(kind);
	}

	/** Reads the reply of {@code <library>_stats}. */
	static QueueStats of(List<Object> reply) {
		Instant takenAt = Instant.ofEpochMilli(QueueReplies.number(reply.get(0)));
		List<?> flat = (List<?>) reply.get(1);
		Map<LaneKind, Long> lengths = new EnumMap<>(LaneKind.class);
		Map<LaneKind, Long> inFlight = new EnumMap<>(LaneKind.class);
		Map<LaneKind, Double> averages = new EnumMap<>(LaneKind.class);
		Map<String, Long> totals = new HashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			String field = String.valueOf(flat.get(i));
			String value = String.valueOf(flat.get(i + 1));
			int colon = field.indexOf(':');
			if (colon < 0) {
				totals.put(field, Long.parseLong(value));
				continue;
			}
			LaneKind kind = QueueReplies.kindOfTag(field.substring(colon + 1));
			if (kind == null) {
				continue;
			}
			switch (field.substring(0, colon)) {
				case "len" -> lengths.put(kind, Long.parseLong(value));
				case "inflight" -> inFlight.put(kind, Long.parseLong(value));
				case "avg" -> averages.put(kind, Double.parseDouble(value));
				default -> {
				}
			}
		}
		return new QueueStats(takenAt, lengths, inFlight, averages, totals.getOrDefault("enqueued", 0L),
				totals.getOrDefault("completed", 0L), totals.getOrDefault("expired", 0L),
				totals.getOrDefault("dead_lettered", 0L), QueueReplies.number(reply.get(2)), QueueReplies.number(reply.get(3)));
	}

}
