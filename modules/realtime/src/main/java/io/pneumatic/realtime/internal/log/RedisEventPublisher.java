package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.EventRejectedException.Reason;
import io.pneumatic.realtime.OpsEventPublisher;

/**
 * Publishes job and ops events through the event library's publish functions on the shared connection,
 * so validation and sequence numbers are the same as for plain-Redis publishers.
 *
 * <p>While the library is missing (the hub is restoring sequence numbers, or has not started yet) it
 * retries with back-off for {@code pneumatic.events.publish-retry}, then refuses with
 * {@code NOT_READY}. Redis being unreachable is not a refusal: Lettuce's exception propagates, and
 * whether the event was written is then unknown. Thread-safe.
 */
final class RedisEventPublisher implements EventPublisher, OpsEventPublisher {

	private static final Duration FIRST_RETRY = Duration.ofMillis(20);

	private static final Duration MAX_RETRY = Duration.ofMillis(500);

	private final EventLogConnections connections;

	private final EventFunctionLibrary library;

	private final JsonMapper jsonMapper;

	private final EventSettings settings;

	RedisEventPublisher(EventLogConnections connections, EventFunctionLibrary library, JsonMapper jsonMapper,
			EventSettings settings) {
		this.connections = connections;
		this.library = library;
		this.jsonMapper = jsonMapper;
		this.settings = settings;
	}

	@Override
	public EventEnvelope publish(String jobId, String type, Object payload) {
		if (!EventKeys.isValidJobId(jobId)) {
			throw new EventRejectedException(Reason.INVALID_JOB_ID,
					"Job id '" + jobId + "' is not 1 to 64 characters of [A-Za-z0-9_-]");
		}
		String[] keys = { EventKeys.stream(jobId), EventKeys.meta(jobId), EventKeys.JOBS, EventKeys.WAKEUP };
		return append(this.library.publishFunction(), keys, EventEnvelope.jobStream(jobId), type, payload);
	}

	@Override
	public EventEnvelope publish(String cluster, String namespace, String type, Object payload) {
		if (!OpsKeys.isValidName(cluster) || !OpsKeys.isValidName(namespace)) {
			throw new EventRejectedException(Reason.INVALID_STREAM,
					"Cluster '" + cluster + "' or namespace '" + namespace + "' is not 1 to 64 characters of [A-Za-z0-9_-]");
		}
		String[] keys = { OpsKeys.stream(cluster, namespace), OpsKeys.gpus(cluster), OpsKeys.STREAMS, OpsKeys.WAKEUP };
		return append(this.library.publishOpsFunction(), keys, EventEnvelope.opsStream(cluster, namespace), type, payload);
	}

	private EventEnvelope append(String function, String[] keys, String stream, String type, Object payload) {
		JsonNode tree = toJsonObject(payload);
		List<Object> reply = callWithRetry(function, keys, type, this.jsonMapper.writeValueAsString(tree));
		long seq = (Long) reply.get(0);
		Instant ts = Instant.parse((String) reply.get(1));
		return new EventEnvelope(stream, seq, type, ts, tree);
	}

	private JsonNode toJsonObject(@Nullable Object payload) {
		try {
			JsonNode tree = this.jsonMapper.valueToTree(payload);
			if (tree != null && tree.isObject()) {
				return tree;
			}
		}
		catch (JacksonException ex) {
			throw new EventRejectedException(Reason.INVALID_PAYLOAD, "Payload cannot be written as JSON: " + ex.getOriginalMessage());
		}
		throw new EventRejectedException(Reason.INVALID_PAYLOAD, "Payload is not a JSON object");
	}

	private List<Object> callWithRetry(String function, String[] keys, String type, String payloadJson) {
		long deadline = System.nanoTime() + this.settings.publishRetry().toNanos();
		ExponentialBackoff backoff = new ExponentialBackoff(FIRST_RETRY, MAX_RETRY);
		while (true) {
			EventRejectedException rejection;
			try {
				return this.connections.commands().fcall(function, ScriptOutputType.MULTI, keys, type, payloadJson);
			}
			catch (RedisCommandExecutionException ex) {
				rejection = PublishRefusal.toRejection(ex);
			}
			if (rejection.reason() != Reason.NOT_READY) {
				throw rejection;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw rejection;
			}
			try {
				Thread.sleep(Duration.ofNanos(Math.min(backoff.next().toNanos(), remaining)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw rejection;
			}
		}
	}

}
