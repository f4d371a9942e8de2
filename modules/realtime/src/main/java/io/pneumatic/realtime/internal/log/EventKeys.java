package io.pneumatic.realtime.internal.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Redis keys of the event log. A job's keys share the Redis Cluster hash tag {@code {jobId}}.
 *
 * <ul>
 * <li>{@code jobs:{jobId}:events}: the job's stream; entry id {@code <seq>-0}, fields {@code type}, {@code ts}, {@code payload}
 * <li>{@code jobs:{jobId}:meta}: hash with {@code seq} (the last sequence number given) and {@code done}
 * <li>{@code events:jobs}: sorted set of job ids, score {@code +inf} while open, the done time in ms after {@code done}
 * <li>{@code events:wakeup}: one entry {@code job=<id>} whenever a job's stream is created; its existence
 * marks that sequence numbers are restored
 * </ul>
 */
public final class EventKeys {

	/** Sorted set of the job ids whose streams readers cover. */
	public static final String JOBS = "events:jobs";

	/** Stream that wakes readers up when a job's stream is created. */
	public static final String WAKEUP = "events:wakeup";

	private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9-]{0,63}");

	private static final Pattern STREAM_KEY = Pattern.compile("jobs:\\{([A-Za-z0-9_-]{1,64})}:events");

	private EventKeys() {
	}

	/** Whether {@code jobId} is 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
	public static boolean isValidJobId(String jobId) {
		return JOB_ID.matcher(jobId).matches();
	}

	/** Whether {@code group} is a valid consumer group name: lower case letters, digits and dashes. */
	public static boolean isValidGroup(String group) {
		return GROUP.matcher(group).matches();
	}

	/** The stream key of a job: {@code jobs:{jobId}:events}. */
	public static String stream(String jobId) {
		return "jobs:{" + jobId + "}:events";
	}

	/** The meta hash key of a job: {@code jobs:{jobId}:meta}. */
	public static String meta(String jobId) {
		return "jobs:{" + jobId + "}:meta";
	}

	/** The job id of a stream key, or {@code null} if it is not a job stream key. */
	public static @Nullable String jobIdOfStream(String streamKey) {
		Matcher matcher = STREAM_KEY.matcher(streamKey);
		return matcher.matches() ? matcher.group(1) : null;
	}

	/** The sequence number of a stream entry id {@code <seq>-0}. */
	public static long seqOfEntryId(String entryId) {
		int dash = entryId.indexOf('-');
		return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
	}

}
