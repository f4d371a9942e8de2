package io.pneumatic.queue;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One lane in a {@link QueueSnapshot}.
 *
 * @param lane the lane
 * @param length how many items it holds, the in-flight one included (exact)
 * @param inFlight the item a worker holds, if any (then it is {@code items[0]})
 * @param readyAt when a worker may claim its head, if nothing is in flight (in the future during a
 *     retry backoff); {@code null} when the lane is in flight or empty
 * @param items its first items, head first, at most {@code pneumatic.queue.snapshot-items-per-lane}
 */
public record LaneSnapshot(Lane lane, long length, @Nullable InFlightItem inFlight, @Nullable Instant readyAt,
		List<QueuedItem> items) {

	public LaneSnapshot {
		items = List.copyOf(items);
	}

	/** What the lane is for. */
	public LaneKind kind() {
		return this.lane.kind();
	}

}
