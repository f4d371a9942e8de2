package io.pneumatic.realtime.internal.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pneumatic.realtime.UndeliveredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The record of critical events no client acknowledged: the Redis Stream {@code delivery:undelivered},
 * capped at the newest {@code pneumatic.delivery.undelivered-kept} entries and shared by all instances.
 */
final class UndeliveredEvents {

	static final String KEY = "delivery:undelivered";

	private static final Logger logger = LoggerFactory.getLogger(UndeliveredEvents.class);

	private final StringRedisTemplate redis;

	private final int kept;

	UndeliveredEvents(StringRedisTemplate redis, int kept) {
		this.redis = redis;
		this.kept = kept;
	}

	void record(UndeliveredEvent event) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("at", event.at().toString());
		fields.put("user", event.userId());
		fields.put("session", event.sessionId());
		fields.put("destination", event.destination());
		if (event.seq() != null) {
			fields.put("seq", Long.toString(event.seq()));
		}
		fields.put("type", event.type());
		fields.put("reason", event.reason());
		try {
			this.redis.opsForStream().add(KEY, fields, XAddOptions.maxlen(this.kept).approximateTrimming(true));
		}
		catch (DataAccessException ex) {
			// The metric still counts it; only the record is lost while Redis is away.
			logger.warn("critical.undelivered_not_recorded cause={}", NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	List<UndeliveredEvent> newest(int limit) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(KEY, Range.unbounded(), Limit.limit().count(limit));
		return (records != null) ? records.stream().map(UndeliveredEvents::event).toList() : List.of();
	}

	private static UndeliveredEvent event(MapRecord<String, Object, Object> record) {
		Map<Object, Object> fields = record.getValue();
		Object seq = fields.get("seq");
		return new UndeliveredEvent(Instant.parse(String.valueOf(fields.get("at"))), String.valueOf(fields.get("user")),
				String.valueOf(fields.get("session")), String.valueOf(fields.get("destination")),
				(seq != null) ? Long.valueOf(seq.toString()) : null, String.valueOf(fields.get("type")),
				String.valueOf(fields.get("reason")));
	}

}
