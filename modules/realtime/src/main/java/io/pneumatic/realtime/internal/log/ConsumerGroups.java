package io.pneumatic.realtime.internal.log;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Creates Redis Stream consumer groups where they are missing.
 */
public final class ConsumerGroups {

	private ConsumerGroups() {
	}

	/**
	 * Creates {@code group} on {@code offset}'s stream unless it exists.
	 * @param createStream whether to create a missing stream ({@code MKSTREAM})
	 * @return what happened
	 */
	public static Outcome createIfAbsent(RedisCommands<String, String> redis, StreamOffset<String> offset, String group,
			boolean createStream) {
		try {
			redis.xgroupCreate(offset, group, new XGroupCreateArgs().mkstream(createStream));
			return Outcome.CREATED;
		}
		catch (RedisCommandExecutionException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.startsWith("BUSYGROUP")) {
				return Outcome.EXISTED;
			}
			if (!createStream && message.contains("requires the key to exist")) {
				return Outcome.NO_STREAM;
			}
			throw ex;
		}
	}

	/** What {@link #createIfAbsent} did. */
	public enum Outcome {

		/** The group was created. */
		CREATED,

		/** The group existed already. */
		EXISTED,

		/** The stream does not exist, so neither does the group. */
		NO_STREAM

	}

}
