package io.pneumatic.realtime.internal.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.lettuce.core.StreamMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventEnvelope;

/**
 * Turns job and ops stream entries ({@code <seq>-0}: {@code type}, {@code ts}, {@code payload}) into
 * {@link EventEnvelope}s. Thread-safe.
 */
public final class EventEntryMapper {

	private static final Logger logger = LoggerFactory.getLogger(EventEntryMapper.class);

	private final JsonMapper jsonMapper;

	public EventEntryMapper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The event of a stream entry, or {@code null} (logged) if the entry is not a job or ops event: written
	 * around the event library, or deleted while pending (no fields).
	 */
	public @Nullable EventEnvelope toEnvelope(StreamMessage<String, String> entry) {
		String stream = streamNameOf(entry.getStream());
		Map<String, String> body = entry.getBody();
		if (stream == null || body == null || body.isEmpty()) {
			logger.debug("skipping stream entry without event stream={} id={}", entry.getStream(), entry.getId());
			return null;
		}
		try {
			String type = body.get("type");
			String ts = body.get("ts");
			String payload = body.get("payload");
			if (type == null || ts == null || payload == null) {
				throw new IllegalArgumentException("missing type, ts or payload");
			}
			JsonNode payloadNode = this.jsonMapper.readTree(payload);
			return new EventEnvelope(stream, EventKeys.seqOfEntryId(entry.getId()), type,
					Instant.parse(ts), payloadNode);
		}
		catch (IllegalArgumentException | DateTimeParseException | JacksonException ex) {
			logger.warn("skipping malformed stream entry stream={} id={} reason=\"{}\"", entry.getStream(),
					entry.getId(), ex.getMessage());
			return null;
		}
	}

	private static @Nullable String streamNameOf(String streamKey) {
		String jobId = EventKeys.jobIdOfStream(streamKey);
		return (jobId != null) ? EventEnvelope.jobStream(jobId) : OpsKeys.streamNameOf(streamKey);
	}

}
