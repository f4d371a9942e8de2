package io.pneumatic.realtime.internal.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.pneumatic.realtime.EventEnvelope;

/**
 * The Redis keys of ops streams. A cluster's keys share the Redis Cluster hash tag {@code {cluster}}.
 *
 * <ul>
 * <li>{@code ops:{<cluster>}:<namespace>:events}: an ops stream; entry id {@code <seq>-0}, fields {@code type},
 * {@code ts}, {@code payload}; capped at {@code pneumatic.ops.max-entries}
 * <li>{@code ops:{<cluster>}:gpu}: hash of the latest {@code gpu_update} per GPU, field {@code <node>/<gpu>},
 * value {@code {"namespace":…,"ts":…,"payload":{…}}}
 * <li>{@code ops:streams}: sorted set of {@code <cluster>.<namespace>}, score the time of the stream's last event in ms
 * <li>{@code ops:wakeup}: one entry {@code stream=<cluster>.<namespace>} whenever an ops stream is created
 * </ul>
 */
public final class OpsKeys {

	/** Sorted set of the ops streams readers cover, by the time of their last event. */
	public static final String STREAMS = "ops:streams";

	/** Stream that wakes readers up when an ops stream is created. */
	public static final String WAKEUP = "ops:wakeup";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern STREAM_KEY = Pattern.compile("ops:\\{([A-Za-z0-9_-]{1,64})}:([A-Za-z0-9_-]{1,64}):events");

	private OpsKeys() {
	}

	/** Whether {@code name} is a valid cluster or namespace: 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
	public static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}

	/** The stream key of an ops stream: {@code ops:{<cluster>}:<namespace>:events}. */
	public static String stream(String cluster, String namespace) {
		return "ops:{" + cluster + "}:" + namespace + ":events";
	}

	/** The GPU hash of a cluster: {@code ops:{<cluster>}:gpu}. */
	public static String gpus(String cluster) {
		return "ops:{" + cluster + "}:gpu";
	}

	/**
	 * The stream key of a member of {@link #STREAMS} ({@code <cluster>.<namespace>}), or {@code null} if the
	 * member is not one.
	 */
	public static @Nullable String streamOfMember(String member) {
		int dot = member.indexOf('.');
		if (dot < 0) {
			return null;
		}
		String cluster = member.substring(0, dot);
		String namespace = member.substring(dot + 1);
		return (isValidName(cluster) && isValidName(namespace)) ? stream(cluster, namespace) : null;
	}

	/** The stream name ({@code ops.<cluster>.<namespace>}) of a stream key, or {@code null} if it is not an ops stream key. */
	public static @Nullable String streamNameOf(String streamKey) {
		Matcher matcher = STREAM_KEY.matcher(streamKey);
		return matcher.matches() ? EventEnvelope.opsStream(matcher.group(1), matcher.group(2)) : null;
	}

}
