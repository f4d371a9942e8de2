package io.pneumatic.realtime.internal.consume;

import java.util.List;
import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * The streams of one kind (job streams, ops streams) that a {@link ConsumerGroupReader} covers, and the
 * wake-up stream that announces new ones. Not thread-safe: owned by one reader.
 */
interface StreamKeys {

	/** Which streams these are, for metrics: {@code jobs} or {@code ops}. */
	String kind();

	/** What the reader's thread and connection names carry after the group: {@code ""} for jobs, {@code "-ops"} for ops. */
	default String readerSuffix() {
		return "jobs".equals(kind()) ? "" : "-" + kind();
	}

	/** The wake-up stream: one entry whenever a stream of this kind is created. */
	String wakeup();

	/** The stream keys to read, as of the last refresh. */
	List<String> current();

	/**
	 * Re-reads the stream list if the refresh interval has passed or a refresh was requested.
	 * @return whether it re-read the list
	 */
	boolean refreshIfDue(RedisCommands<String, String> redis);

	/** Makes the next {@link #refreshIfDue} re-read the stream list. */
	void requestRefresh();

	/** Leaves a stream out until it is created again or leaves the stream list. */
	void markMissing(String streamKey);

	/** A wake-up entry arrived: takes the stream it names back in, at the next refresh. */
	void wokenBy(Map<String, String> wakeup);

}
