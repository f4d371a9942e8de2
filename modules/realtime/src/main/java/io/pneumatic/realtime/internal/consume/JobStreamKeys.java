package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
final class JobStreamKeys extends RefreshedStreamKeys {

	private final Duration afterDone;

	JobStreamKeys(Duration afterDone, Duration refreshInterval, Clock clock) {
		super(refreshInterval, clock);
		this.afterDone = afterDone;
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
	protected List<String> liveStreams(RedisCommands<String, String> redis, long nowMillis) {
		List<String> jobIds = redis.zrangebyscore(EventKeys.JOBS, "(" + (nowMillis - this.afterDone.toMillis()), "+inf");
		List<String> streams = new ArrayList<>(jobIds.size());
		for (String jobId : jobIds) {
			if (EventKeys.isValidJobId(jobId)) {
				streams.add(EventKeys.stream(jobId));
			}
		}
		return streams;
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
