package io.pneumatic.api.queues;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.pneumatic.queue.LaneSnapshot;
import io.pneumatic.queue.QueueSnapshot;
import io.pneumatic.queue.QueuedItem;

/**
 * How busy each lane is, from consecutive snapshots: items seen at a lane's front that are gone a
 * snapshot later have left it (done, or dead). Levels: {@code idle} (empty), {@code waiting} (items,
 * none in flight), {@code flowing} (one in flight), {@code busy} (at least two left in the window).
 * Not thread-safe: the feed's one ticker thread owns it.
 */
final class LaneActivity {

	private static final int BUSY = 2;

	private final Map<String, Integer> departed = new HashMap<>();

	/** Counts what left each lane between two snapshots. */
	void observe(@Nullable QueueSnapshot before, QueueSnapshot after) {
		if (before == null) {
			return;
		}
		Map<String, Set<String>> remaining = new HashMap<>();
		for (LaneSnapshot lane : after.lanes()) {
			Set<String> ids = new HashSet<>();
			lane.items().forEach((item) -> ids.add(item.id()));
			remaining.put(lane.lane().name(), ids);
		}
		for (LaneSnapshot lane : before.lanes()) {
			Set<String> still = remaining.getOrDefault(lane.lane().name(), Set.of());
			int left = 0;
			for (QueuedItem item : lane.items()) {
				if (!still.contains(item.id())) {
					left++;
				}
			}
			if (left > 0) {
				this.departed.merge(lane.lane().name(), left, Integer::sum);
			}
		}
	}

	/** Each lane's level and how many items left it since the last call; starts a new window. */
	Map<String, Level> levels(QueueSnapshot now) {
		Map<String, Level> levels = new LinkedHashMap<>();
		for (LaneSnapshot lane : now.lanes()) {
			int completed = this.departed.getOrDefault(lane.lane().name(), 0);
			String level = (lane.length() == 0) ? "idle" : (lane.inFlight() == null) ? "waiting"
					: (completed >= BUSY) ? "busy" : "flowing";
			levels.put(lane.lane().name(), new Level(level, completed));
		}
		this.departed.clear();
		return levels;
	}

	/**
	 * @param level {@code idle}, {@code waiting}, {@code flowing} or {@code busy}
	 * @param completed how many items left the lane in the window
	 */
	record Level(String level, int completed) {
	}

}
