package io.pneumatic.realtime;

/**
 * Appends ops events (cluster telemetry: status changes, metrics, alerts, GPU stats, traces,
 * anomalies, chat) to the ops stream {@code ops:{<cluster>}:<namespace>:events}, from which the hub relays
 * each one to {@code /topic/ops.{cluster}.{namespace}.{type}}.
 *
 * <p>Ops streams are telemetry: capped, never archived and never replayed. Each accepted event gets the
 * next per-stream sequence number atomically. Thread-safe.
 */
public interface OpsEventPublisher {

	/**
	 * Appends one event to an ops stream.
	 * @param cluster the cluster: 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 * @param namespace the namespace: 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 * @param type an ops event type from {@link EventTypes#OPS_EVENT_REQUIRED_FIELDS}
	 * @param payload a JSON object (a {@code Map}, a record or a {@code JsonNode}) with the fields the type
	 *     requires, at most {@code pneumatic.events.max-payload-bytes} once serialized
	 * @return the event as it was stored, with its sequence number
	 * @throws EventRejectedException if the event is refused; nothing was written then
	 */
	EventEnvelope publish(String cluster, String namespace, String type, Object payload);

}
