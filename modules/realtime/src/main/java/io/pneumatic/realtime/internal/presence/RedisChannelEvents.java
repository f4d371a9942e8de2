package io.pneumatic.realtime.internal.presence;

import io.lettuce.core.ScriptOutputType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.ChannelEvents;

/**
 * {@link ChannelEvents} on the Redis function {@code channel_publish}: the seq comes from the counter
 * {@code presence:seq:channels.{channelId}} and the event joins {@code presence:events} in the same step.
 */
final class RedisChannelEvents implements ChannelEvents {

	private final PresenceFunctions functions;

	private final JsonMapper json;

	RedisChannelEvents(PresenceFunctions functions, JsonMapper json) {
		this.functions = functions;
		this.json = json;
	}

	@Override
	public long publish(String channelId, String type, Object payload) {
		JsonNode node = this.json.valueToTree(payload);
		if (!node.isObject()) {
			throw new IllegalArgumentException("A channel event's payload is a JSON object");
		}
		Long seq = this.functions.call("channel_publish", ScriptOutputType.INTEGER, "channels." + channelId, type,
				this.json.writeValueAsString(node));
		return (seq != null) ? seq : 0;
	}

}
