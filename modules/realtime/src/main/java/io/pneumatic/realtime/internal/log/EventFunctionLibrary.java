package io.pneumatic.realtime.internal.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.lettuce.core.api.sync.RedisCommands;

import io.pneumatic.realtime.EventTypes;

/**
 * The Redis function library that appends job and ops events: its name, its source rendered from
 * configuration, and loading it.
 *
 * <p>Publishers call {@code FCALL <name>_publish 4 jobs:{id}:events jobs:{id}:meta events:jobs
 * events:wakeup <type> <payload-json>} for job events and {@code FCALL <name>_publish_ops 4
 * ops:{<cluster>}:<namespace>:events ops:{<cluster>}:gpu ops:streams ops:wakeup <type> <payload-json>} for ops
 * events. The library being loaded is the event log's readiness
 * marker: only {@link SequenceRestorer} loads it, after sequence numbers are safe.
 *
 * @param name the library name; production uses {@link #DEFAULT}, tests their own so they never
 *     replace the library of a running hub (functions are server-wide in Redis)
 */
public record EventFunctionLibrary(String name) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern LUA_WORD = Pattern.compile("[a-z][a-z0-9_-]*");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

	private static final String TEMPLATE = readTemplate();

	/** The library of the hub: {@code pneumatic}, with function {@code pneumatic_publish}. */
	public static final EventFunctionLibrary DEFAULT = new EventFunctionLibrary("pneumatic");

	public EventFunctionLibrary {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Function library name '" + name + "' must match " + NAME);
		}
	}

	/** The name of the publish function: {@code <library>_publish}. */
	public String publishFunction() {
		return this.name + "_publish";
	}

	/** The name of the ops publish function: {@code <library>_publish_ops}. */
	public String publishOpsFunction() {
		return this.name + "_publish_ops";
	}

	/**
	 * Renders the library source with the configured limits and the consumer groups to create on
	 * every new job stream.
	 */
	public String render(EventSettings events, RetentionSettings retention, OpsStreamSettings ops,
			Collection<String> groups) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("library", this.name);
		values.put("publishFunction", publishFunction());
		values.put("publishOpsFunction", publishOpsFunction());
		values.put("requiredFields", luaRequiredFields(EventTypes.JOB_EVENT_REQUIRED_FIELDS));
		values.put("opsRequiredFields", luaRequiredFields(EventTypes.OPS_EVENT_REQUIRED_FIELDS));
		values.put("opsMaxEntries", Integer.toString(ops.maxEntries()));
		values.put("opsIdleSeconds", Long.toString(ops.idleExpiry().toSeconds()));
		values.put("groups", luaList(groups.stream().map(EventFunctionLibrary::checkedGroup).distinct().sorted().toList()));
		values.put("maxPayloadBytes", Integer.toString(events.maxPayloadBytes()));
		values.put("maxEntries", Integer.toString(retention.maxEntries()));
		values.put("maxAgeMillis", Long.toString(retention.maxAge().toMillis()));
		values.put("afterDoneSeconds", Long.toString(retention.afterDone().toSeconds()));
		values.put("tombstoneSeconds", Long.toString(retention.tombstone().toSeconds()));
		Matcher placeholders = PLACEHOLDER.matcher(TEMPLATE);
		return placeholders.replaceAll((match) -> {
			String value = values.get(match.group(1));
			if (value == null) {
				throw new IllegalStateException("No value for ${" + match.group(1) + "} in the event library template");
			}
			return Matcher.quoteReplacement(value);
		});
	}

	/** Whether this library is loaded in Redis. */
	public boolean isLoadedIn(RedisCommands<String, String> redis) {
		return !redis.functionList(this.name).isEmpty();
	}

	/** Loads (or replaces) the library. */
	public void loadInto(RedisCommands<String, String> redis, String source) {
		redis.functionLoad(source, true);
	}

	private static String checkedGroup(String group) {
		if (!EventKeys.isValidGroup(group)) {
			throw new IllegalArgumentException("Consumer group '" + group
					+ "' must be 1 to 64 lower case letters, digits and dashes, starting with a letter");
		}
		return group;
	}

	private static String luaRequiredFields(Map<String, Set<String>> requiredFields) {
		Map<String, Set<String>> sorted = new TreeMap<>(requiredFields);
		return sorted.entrySet()
			.stream()
			.map((entry) -> "['" + luaWord(entry.getKey()) + "'] = " + luaList(entry.getValue().stream().sorted().toList()))
			.collect(Collectors.joining(", ", "{ ", " }"));
	}

	private static String luaList(Collection<String> words) {
		return words.stream().map((word) -> "'" + luaWord(word) + "'").collect(Collectors.joining(", ", "{ ", " }"));
	}

	private static String luaWord(String word) {
		if (!LUA_WORD.matcher(word).matches()) {
			throw new IllegalStateException("'" + word + "' cannot be rendered into the event library");
		}
		return word;
	}

	private static String readTemplate() {
		try (InputStream in = EventFunctionLibrary.class.getResourceAsStream("event-library.lua")) {
			if (in == null) {
				throw new IllegalStateException("event-library.lua is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
