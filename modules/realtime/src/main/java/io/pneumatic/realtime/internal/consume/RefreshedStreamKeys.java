package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * The part every {@link StreamKeys} shares: the covered keys are re-read from Redis every refresh
 * interval (or at once when asked), minus streams found missing, which stay out until they leave the
 * live set or a wake-up takes them back in. Not thread-safe: owned by one reader.
 */
abstract class RefreshedStreamKeys implements StreamKeys {

	private final Duration refreshInterval;

	private final Clock clock;

	/** Streams found missing (expired, deleted): out until revived, so one stale key cannot fail every read. */
	protected final Set<String> missing = new HashSet<>();

	private List<String> keys = List.of();

	private long refreshAtMillis = Long.MIN_VALUE;

	RefreshedStreamKeys(Duration refreshInterval, Clock clock) {
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	/** The stream keys that are live at {@code nowMillis}, read from Redis. */
	protected abstract List<String> liveStreams(RedisCommands<String, String> redis, long nowMillis);

	/** Prepares live streams that are not missing for reading; what it adds to {@link #missing} stays out. */
	protected void prepare(RedisCommands<String, String> redis, List<String> streams) {
	}

	@Override
	public List<String> current() {
		return this.keys;
	}

	@Override
	public boolean refreshIfDue(RedisCommands<String, String> redis) {
		long now = this.clock.millis();
		if (now < this.refreshAtMillis) {
			return false;
		}
		List<String> streams = new ArrayList<>(liveStreams(redis, now));
		this.missing.retainAll(streams);
		streams.removeAll(this.missing);
		prepare(redis, streams);
		streams.removeAll(this.missing);
		this.keys = List.copyOf(streams);
		this.refreshAtMillis = now + this.refreshInterval.toMillis();
		return true;
	}

	@Override
	public void requestRefresh() {
		this.refreshAtMillis = Long.MIN_VALUE;
	}

	@Override
	public void markMissing(String streamKey) {
		this.missing.add(streamKey);
		this.keys = this.keys.stream().filter((key) -> !key.equals(streamKey)).toList();
	}

}
