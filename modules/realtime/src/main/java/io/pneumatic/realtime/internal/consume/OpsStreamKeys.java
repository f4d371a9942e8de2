package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisCommands;

import io.pneumatic.realtime.internal.log.ConsumerGroups;
import io.pneumatic.realtime.internal.log.OpsKeys;

/**
 * The ops streams one reader covers: every stream of {@code ops:streams} with an event less than
 * {@code pneumatic.ops.idle-expiry} ago, minus streams found missing.
 *
 * <p>The publish function creates no consumer groups on ops streams: a refresh creates the reader's
 * group, from the stream's start, on every stream it has not seen yet (the first instance creates it,
 * the others find it there). Re-read every key-refresh interval, and at once when a wake-up entry
 * announces a new stream. Not thread-safe: owned by one reader.
 */
final class OpsStreamKeys implements StreamKeys {

	private final String group;

	private final Duration idleExpiry;

	private final Duration refreshInterval;

	private final Clock clock;

	private final Set<String> missing = new HashSet<>();

	private final Set<String> grouped = new HashSet<>();

	private List<String> keys = List.of();

	private long refreshAtMillis = Long.MIN_VALUE;

	OpsStreamKeys(String group, Duration idleExpiry, Duration refreshInterval, Clock clock) {
		this.group = group;
		this.idleExpiry = idleExpiry;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	@Override
	public String readerSuffix() {
		return "-ops";
	}

	@Override
	public String wakeup() {
		return OpsKeys.WAKEUP;
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
		List<String> members = redis.zrangebyscore(OpsKeys.STREAMS,
				Range.from(Boundary.excluding(now - this.idleExpiry.toMillis()), Boundary.unbounded()));
		List<String> streams = new ArrayList<>(members.size());
		for (String member : members) {
			String stream = OpsKeys.streamOfMember(member);
			if (stream != null) {
				streams.add(stream);
			}
		}
		this.missing.retainAll(streams);
		this.grouped.retainAll(streams);
		streams.removeAll(this.missing);
		for (String stream : streams) {
			if (!this.grouped.contains(stream)) {
				if (ConsumerGroups.createIfAbsent(redis, StreamOffset.from(stream, "0"), this.group,
						false) == ConsumerGroups.Outcome.NO_STREAM) {
					this.missing.add(stream);
				}
				else {
					this.grouped.add(stream);
				}
			}
		}
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
		this.grouped.remove(streamKey);
		this.keys = this.keys.stream().filter((key) -> !key.equals(streamKey)).toList();
	}

	/** Takes the stream of a wake-up entry ({@code stream=<cluster>.<namespace>}) back in: it was created (again). */
	@Override
	public void wokenBy(Map<String, String> wakeup) {
		String member = wakeup.get("stream");
		String stream = (member != null) ? OpsKeys.streamOfMember(member) : null;
		if (stream != null) {
			this.missing.remove(stream);
			this.grouped.remove(stream);
		}
		requestRefresh();
	}

}
