package io.pneumatic.realtime;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The event types of job and ops streams and the payload fields each one requires.
 *
 * <p>The event log enforces the same tables when an event is published, whether through
 * {@link EventPublisher}, {@link OpsEventPublisher} or with plain Redis commands.
 */
public final class EventTypes {

	/** The terminal event of a job: nothing may be published after it. */
	public static final String DONE = "done";

	/** Control event: events in the named range are gone from Redis and PostgreSQL. */
	public static final String REPLAY_TRUNCATED = "replay_truncated";

	/** Control event: a replay requested with {@code last-seq} has caught up with the live stream. */
	public static final String REPLAY_COMPLETE = "replay_complete";

	/** The ops event that reports one GPU; the latest per GPU feeds the GPU stats of {@code /topic/system}. */
	public static final String GPU_UPDATE = "gpu_update";

	/** Ops event types ({@code /topic/ops.{cluster}.{namespace}.{type}}) and the payload fields each requires. */
	public static final Map<String, Set<String>> OPS_EVENT_REQUIRED_FIELDS = Map.of(
			"cluster_status_changed", Set.of("status"),
			"metric_update", Set.of("node", "metric", "value"),
			"alert_fired", Set.of("alert_id", "severity", "metric"),
			"alert_resolved", Set.of("alert_id"),
			GPU_UPDATE, Set.of("node", "gpu"),
			"trace_received", Set.of("trace_id"),
			"anomaly_detected", Set.of("metric", "score"),
			"chat_message", Set.of("user", "text"));

	/** The event types of ops streams. */
	public static final Set<String> OPS_EVENT_TYPES = OPS_EVENT_REQUIRED_FIELDS.keySet();

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
