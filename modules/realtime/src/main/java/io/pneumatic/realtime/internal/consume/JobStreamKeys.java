package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.api.sync.RedisCommands;

import io.pneumatic.realtime.internal.log.EventKeys;

/**
 * The job streams one reader covers: every job of {@code events:jobs} still open or finished less
 * than {@code pneumatic.retention.after-done} ago, minus streams found missing.
 *
 * <p>Re-read every key-refresh interval, and at once when asked (a wake-up entry). A stream found
 * missing (expired, deleted) stays out until its job leaves {@code events:jobs} or is revived by a
 * wake-up entry, so one stale key cannot fail every read. Not thread-safe: owned by one reader.
 */
final class JobStreamKeys implements StreamKeys {

	private final Duration afterDone;

	private final Duration refreshInterval;

	private final Clock clock;

	private final Set<String> missing = new HashSet<>();

	private List<String> keys = List.of();

	private long refreshAtMillis = Long.MIN_VALUE;

	JobStreamKeys(Duration afterDone, Duration refreshInterval, Clock clock) {
		this.afterDone = afterDone;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	@Override
	public String readerSuffix() {
		return "";
	}

	@Override
	public String wakeup() {
		return EventKeys.WAKEUP;
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
		List<String> jobIds = redis.zrangebyscore(EventKeys.JOBS, "(" + (now - this.afterDone.toMillis()), "+inf");
		List<String> streams = new ArrayList<>(jobIds.size());
		for (String jobId : jobIds) {
			if (EventKeys.isValidJobId(jobId)) {
				streams.add(EventKeys.stream(jobId));
			}
		}
		this.missing.retainAll(streams);
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

	/** Takes the job's stream of a wake-up entry ({@code job=<id>}) back in (it was created again). */
	@Override
	public void wokenBy(Map<String, String> wakeup) {
		String jobId = wakeup.get("job");
		if (jobId != null) {
			this.missing.remove(EventKeys.stream(jobId));
		}
		requestRefresh();
	}

}
