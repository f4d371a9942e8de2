package io.pneumatic.realtime;

/**
 * Appends job events to the event log (the Redis Stream {@code jobs:{jobId}:events}).
 *
 * <p>Each accepted event gets the next per-job sequence number atomically, even with concurrent
 * publishers in several processes. Thread-safe.
 */
public interface EventPublisher {

	/**
	 * Appends one event to a job's stream.
	 * @param jobId the job id: 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 * @param type a job event type from {@link EventTypes#JOB_EVENT_REQUIRED_FIELDS}
	 * @param payload a JSON object (a {@code Map}, a record or a {@code JsonNode}) with the fields the
	 *     type requires, at most {@code pneumatic.events.max-payload-bytes} once serialized
	 * @return the event as it was stored, with its sequence number
	 * @throws EventRejectedException if the event is refused; nothing was written then
	 */
	EventEnvelope publish(String jobId, String type, Object payload);

}
