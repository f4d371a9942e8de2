package io.pneumatic.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every lane with its exact length, in-flight item and first items.
 *
 * <p>Lanes are read in pages of a few hundred: each lane is consistent in itself, but two lanes may
 * have been read a few milliseconds apart. Empty lanes stay listed (length 0) until they have been
 * idle for {@code pneumatic.queue.idle-lane-ttl}.
 *
 * @param takenAt when the first page was read (Redis time)
 * @param lanes the lanes in name order
 * @param averageProcessingTimes the moving average of processing times per lane kind, for kinds that
 *     completed an item since Redis was last emptied
 * @param deadLetters how many items the dead-letter list holds
 */
public record QueueSnapshot(Instant takenAt, List<LaneSnapshot> lanes, Map<LaneKind, Duration> averageProcessingTimes,
		long deadLetters) {

	public QueueSnapshot {
		lanes = List.copyOf(lanes);
		averageProcessingTimes = Map.copyOf(averageProcessingTimes);
	}

	/** The number of items over all lanes, in flight included. */
	public long totalLength() {
		return this.lanes.stream().mapToLong(LaneSnapshot::length).sum();
	}

}
