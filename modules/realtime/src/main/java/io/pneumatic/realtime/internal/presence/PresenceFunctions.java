package io.pneumatic.realtime.internal.presence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import io.pneumatic.realtime.internal.log.EventLogConnections;

/**
 * The Redis function library {@code presence} ({@code presence-library.lua}) and calls into it. The
 * library is loaded on first need: at start and again whenever Redis answers that a function is missing
 * (Redis restarted without persistence). Thread-safe.
 */
final class PresenceFunctions {

	static final String LIBRARY = "presence";

	/** The stream that holds the events of every presence and channel stream, in order. */
	static final String EVENTS = "presence:events";

	/** The channels that have connections with a lease. */
	static final String CHANNELS = "presence:channels";

	private static final String SOURCE = readSource();

	private static final String[] NO_KEYS = {};

	private final EventLogConnections connections;

	PresenceFunctions(EventLogConnections connections) {
		this.connections = connections;
	}

	/** The hash of entity key ({@code type:id}) to entity JSON of the entities online in a channel. */
	static String entities(String channel) {
		return "presence:{" + channel + "}:entities";
	}

	RedisCommands<String, String> commands() {
		return this.connections.commands();
	}

	/**
	 * Calls a function of the library, loading the library first when Redis lacks it.
	 * @throws IllegalArgumentException when the function refuses its arguments
	 */
	<T> T call(String function, ScriptOutputType type, String... args) {
		try {
			return fcall(function, type, args);
		}
		catch (RedisCommandExecutionException ex) {
			if (ex.getMessage() == null || !ex.getMessage().contains("Function not found")) {
				throw refusal(ex);
			}
		}
		load();
		try {
			return fcall(function, type, args);
		}
		catch (RedisCommandExecutionException ex) {
			throw refusal(ex);
		}
	}

	void load() {
		commands().functionLoad(SOURCE, true);
	}

	private <T> T fcall(String function, ScriptOutputType type, String... args) {
		return commands().fcall(function, type, NO_KEYS, args);
	}

	private static RuntimeException refusal(RedisCommandExecutionException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.startsWith("ERR INVALID_") ? new IllegalArgumentException(message.substring(4), ex) : ex;
	}

	private static String readSource() {
		try (InputStream in = PresenceFunctions.class.getResourceAsStream("presence-library.lua")) {
			if (in == null) {
				throw new IllegalStateException("presence-library.lua is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
