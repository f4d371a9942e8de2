package io.pneumatic.realtime;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The event types of job streams and the payload fields each one requires.
 *
 * <p>The event log enforces the same table when an event is published, whether through
 * {@link EventPublisher} or with plain Redis commands.
 */
public final class EventTypes {

	/** The terminal event of a job: nothing may be published after it. */
	public static final String DONE = "done";

	/** Control event: events in the named range are gone from Redis and PostgreSQL. */
	public static final String REPLAY_TRUNCATED = "replay_truncated";

	/** Control event: a replay requested with {@code last-seq} has caught up with the live stream. */
	public static final String REPLAY_COMPLETE = "replay_complete";

	/** The event types of ops streams ({@code /topic/ops.{cluster}.{namespace}.{type}}). */
	public static final Set<String> OPS_EVENT_TYPES = Set.of("cluster_status_changed", "metric_update", "alert_fired",
			"alert_resolved", "gpu_update", "trace_received", "anomaly_detected", "chat_message");

	/** Job event types and the payload fields each requires. */
	public static final Map<String, Set<String>> JOB_EVENT_REQUIRED_FIELDS = Map.of(
			"status", Set.of("status"),
			"phase_update", Set.of("phase_id", "status"),
			"phase_complete", Set.of("phase_id"),
			"log", Set.of("level", "message"),
			"token", Set.of("text"),
			"commentary", Set.of("text"),
			"tos_screening", Set.of("status"),
			"tos_violation", Set.of("reason"),
			"error", Set.of("message"),
			DONE, Set.of("status"));

	/** The {@code risk_score} from which an event is critical. */
	public static final int CRITICAL_RISK_SCORE = 80;

	private EventTypes() {
	}

	/**
	 * Whether an event is critical, so that clients must acknowledge it: a payload with
	 * {@code risk_score} of at least {@value #CRITICAL_RISK_SCORE} or {@code severity} {@code critical}.
	 */
	public static boolean isCritical(JsonNode payload) {
		JsonNode risk = payload.get("risk_score");
		JsonNode severity = payload.get("severity");
		return (risk != null && risk.isNumber() && risk.asDouble() >= CRITICAL_RISK_SCORE)
				|| (severity != null && "critical".equalsIgnoreCase(severity.asString()));
	}

}
