package io.pneumatic.realtime;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One event as every client sees it: {@code {"stream":"jobs.42","seq":17,"type":"token","ts":…,"payload":{…}}}.
 *
 * @param stream the stream name: {@code jobs.{jobId}} for job streams, {@code ops.{cluster}.{namespace}} for ops
 *     streams, {@code system} for {@code /topic/system}
 * @param seq the per-stream sequence number (1, 2, 3…); {@code null} for control events
 *     ({@code replay_truncated}, {@code replay_complete}), which stand outside the sequence
 * @param type the event type in lower snake case (see {@link EventTypes})
 * @param ts when the event log accepted the event
 * @param payload the type-specific payload, always a JSON object
 */
public record EventEnvelope(String stream, @Nullable Long seq, String type, Instant ts, JsonNode payload) {

	/** The prefix of ops stream names. */
	public static final String OPS_STREAM_PREFIX = "ops.";

	/** The stream name of a job: {@code jobs.{jobId}}. */
	public static String jobStream(String jobId) {
		return "jobs." + jobId;
	}

	/** The stream name of an ops stream: {@code ops.{cluster}.{namespace}}. */
	public static String opsStream(String cluster, String namespace) {
		return OPS_STREAM_PREFIX + cluster + "." + namespace;
	}

	/** Whether this event belongs to an ops stream. */
	@JsonIgnore
	public boolean isOps() {
		return this.stream.startsWith(OPS_STREAM_PREFIX);
	}

	/** Whether this is a control event that stands outside the sequence. */
	@JsonIgnore
	public boolean isControl() {
		return this.seq == null;
	}

}
