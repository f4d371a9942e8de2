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
final class OpsStreamKeys extends RefreshedStreamKeys {

	private final String group;

	private final Duration idleExpiry;

	private final Set<String> grouped = new HashSet<>();

	OpsStreamKeys(String group, Duration idleExpiry, Duration refreshInterval, Clock clock) {
		super(refreshInterval, clock);
		this.group = group;
		this.idleExpiry = idleExpiry;
	}

	@Override
	public String kind() {
		return "ops";
	}

	@Override
	public String wakeup() {
		return OpsKeys.WAKEUP;
	}

	@Override
	protected List<String> liveStreams(RedisCommands<String, String> redis, long nowMillis) {
		List<String> members = redis.zrangebyscore(OpsKeys.STREAMS,
				Range.from(Boundary.excluding(nowMillis - this.idleExpiry.toMillis()), Boundary.unbounded()));
		List<String> streams = new ArrayList<>(members.size());
		for (String member : members) {
			String stream = OpsKeys.streamOfMember(member);
			if (stream != null) {
				streams.add(stream);
			}
		}
		this.grouped.retainAll(streams);
		return streams;
	}

	/** Creates the reader's group on streams seen for the first time; a stream already gone is missing. */
	@Override
	protected void prepare(RedisCommands<String, String> redis, List<String> streams) {
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
	}

	@Override
	public void markMissing(String streamKey) {
		super.markMissing(streamKey);
		this.grouped.remove(streamKey);
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
