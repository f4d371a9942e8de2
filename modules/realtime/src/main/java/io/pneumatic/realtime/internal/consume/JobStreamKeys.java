package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;

import io.pneumatic.realtime.internal.log.EventKeys;

/**
 * The job streams one reader covers: every job of {@code events:jobs} still open, and every job
 * finished less than {@code pneumatic.retention.after-done} ago that its group has not read to the end
 * yet, minus streams found missing.
 *
 * <p>A finished job takes no more events, so once its group has read and acknowledged them all
 * ({@code XINFO GROUPS}: lag 0, nothing pending) its stream stays out: a read names only the streams
 * that can still hold something new for the group, however many jobs finished recently.
 *
 * <p>Re-read every key-refresh interval, and at once when asked (a wake-up entry). A stream found
 * missing (expired, deleted) stays out until its job leaves {@code events:jobs} or is revived by a
 * wake-up entry, so one stale key cannot fail every read. Not thread-safe: owned by one reader.
 */
final class JobStreamKeys extends RefreshedStreamKeys {

	private final String group;

	private final Duration afterDone;

	/** Streams of finished jobs that the group has read to the end. */
	private final Set<String> settled = new HashSet<>();

	JobStreamKeys(String group, Duration afterDone, Duration refreshInterval, Clock clock) {
		super(refreshInterval, clock);
		this.group = group;
		this.afterDone = afterDone;
	}

	@Override
	public String kind() {
		return "jobs";
	}

	@Override
	public String wakeup() {
		return EventKeys.WAKEUP;
	}

	@Override
	protected List<String> liveStreams(RedisCommands<String, String> redis, long nowMillis) {
		List<ScoredValue<String>> jobs = redis.zrangebyscoreWithScores(EventKeys.JOBS,
				Range.from(Range.Boundary.excluding(nowMillis - this.afterDone.toMillis()), Range.Boundary.unbounded()));
		List<String> streams = new ArrayList<>(jobs.size());
		Set<String> finished = new HashSet<>();
		for (ScoredValue<String> job : jobs) {
			if (!EventKeys.isValidJobId(job.getValue())) {
				continue;
			}
			String stream = EventKeys.stream(job.getValue());
			if (Double.isInfinite(job.getScore())) {
				this.settled.remove(stream);
				streams.add(stream);
			}
			else {
				finished.add(stream);
				if (!this.settled.contains(stream) && !readToTheEnd(redis, stream)) {
					streams.add(stream);
				}
			}
		}
		this.settled.retainAll(finished);
		return streams;
	}

	/** Whether the group has read every entry of a finished job's stream and has none pending; remembered if so. */
	private boolean readToTheEnd(RedisCommands<String, String> redis, String stream) {
		try {
			for (Object group : redis.xinfoGroups(stream)) {
				Map<String, Object> fields = fields((List<?>) group);
				if (this.group.equals(fields.get("name")) && Long.valueOf(0).equals(fields.get("lag"))
						&& Long.valueOf(0).equals(fields.get("pending"))) {
					this.settled.add(stream);
					return true;
				}
			}
		}
		catch (RedisException ex) {
			// No such key: the reader finds it missing and leaves it out.
		}
		return false;
	}

	private static Map<String, Object> fields(List<?> pairs) {
		Map<String, Object> fields = new HashMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			fields.put(String.valueOf(pairs.get(i)), pairs.get(i + 1));
		}
		return fields;
	}

	/** Takes the job's stream of a wake-up entry ({@code job=<id>}) back in (it was created again). */
	@Override
	public void wokenBy(Map<String, String> wakeup) {
		String jobId = wakeup.get("job");
		if (jobId != null) {
			this.missing.remove(EventKeys.stream(jobId));
			this.settled.remove(EventKeys.stream(jobId));
		}
		requestRefresh();
	}

}
