package io.pneumatic.realtime.internal.presence;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.lettuce.core.ScriptOutputType;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.Presence;
import io.pneumatic.realtime.PresenceEntity;

/**
 * {@link Presence} on the Redis function library {@code presence}: one round trip per call, every
 * decision (who joined, who left, whether the leave is announced) taken atomically inside Redis.
 */
final class RedisPresence implements Presence {

	static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final PresenceFunctions functions;

	private final JsonMapper json;

	private final String leaseMillis;

	private final Duration renewInterval;

	RedisPresence(PresenceFunctions functions, JsonMapper json, Duration lease) {
		this.functions = functions;
		this.json = json;
		this.leaseMillis = Long.toString(lease.toMillis());
		this.renewInterval = lease.dividedBy(3);
	}

	@Override
	public void announce(String channel, String connectionId, PresenceEntity entity) {
		this.functions.call("presence_announce", ScriptOutputType.STATUS, checked(channel), connectionId,
				this.json.writeValueAsString(entity), this.leaseMillis);
	}

	@Override
	public boolean renew(String channel, String connectionId) {
		Long renewed = this.functions.call("presence_renew", ScriptOutputType.INTEGER, checked(channel), connectionId,
				this.leaseMillis);
		return renewed != null && renewed == 1;
	}

	@Override
	public void leave(String channel, String connectionId) {
		this.functions.call("presence_leave", ScriptOutputType.INTEGER, checked(channel), connectionId);
	}

	@Override
	public List<PresenceEntity> online(String channel) {
		return this.functions.commands()
			.hvals(PresenceFunctions.entities(checked(channel)))
			.stream()
			.map((entity) -> this.json.readValue(entity, PresenceEntity.class))
			.toList();
	}

	@Override
	public Duration renewInterval() {
		return this.renewInterval;
	}

	private static String checked(String channel) {
		if (!CHANNEL_ID.matcher(channel).matches()) {
			throw new IllegalArgumentException("A channel id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
		}
		return channel;
	}

}
