package io.pneumatic.queue.internal.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redis function library of the queue engine: its name, its source rendered from the settings,
 * and the names of its functions ({@code <library>_claim}…).
 *
 * @param name the library name; production uses {@link #DEFAULT}, tests their own so they never replace
 *     the library of a running hub (functions are server-wide in Redis)
 */
public record QueueFunctionLibrary(String name) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

	private static final String TEMPLATE = readTemplate();

	/** The library of the hub: {@code pneumatic_queue}, with functions {@code pneumatic_queue_claim}… */
	public static final QueueFunctionLibrary DEFAULT = new QueueFunctionLibrary("pneumatic_queue");

	public QueueFunctionLibrary {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Function library name '" + name + "' must match " + NAME);
		}
	}

	/** The full name of one of the library's functions, e.g. {@code function("claim")}. */
	public String function(String shortName) {
		return this.name + "_" + shortName;
	}

	/** The library source for these settings; its {@code version} function returns {@link #version}. */
	public Source render(QueueSettings settings) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("library", this.name);
		values.put("maxAttempts", Integer.toString(settings.maxAttempts()));
		values.put("backoffBaseMillis", Long.toString(settings.backoffBase().toMillis()));
		values.put("backoffMaxMillis", Long.toString(settings.backoffMax().toMillis()));
		values.put("leaseMillis", Long.toString(settings.lease().toMillis()));
		values.put("dedupWindowMillis", Long.toString(settings.dedupWindow().toMillis()));
		values.put("idleLaneMillis", Long.toString(settings.idleLaneTtl().toMillis()));
		values.put("maxParamsBytes", Integer.toString(settings.maxParamsBytes()));
		values.put("maxPreviewBytes", Integer.toString(settings.maxPreviewBytes()));
		String withoutVersion = substitute(TEMPLATE, values, true);
		String version = digest(withoutVersion);
		return new Source(substitute(withoutVersion, Map.of("version", version), false), version);
	}

	private static String substitute(String template, Map<String, String> values, boolean keepVersion) {
		return PLACEHOLDER.matcher(template).replaceAll((match) -> {
			String key = match.group(1);
			if (keepVersion && key.equals("version")) {
				return Matcher.quoteReplacement(match.group());
			}
			String value = values.get(key);
			if (value == null) {
				throw new IllegalStateException("No value for ${" + key + "} in the queue library template");
			}
			return Matcher.quoteReplacement(value);
		});
	}

	private static String digest(String source) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readTemplate() {
		try (InputStream in = QueueFunctionLibrary.class.getResourceAsStream("queue-library.lua")) {
			if (in == null) {
				throw new IllegalStateException("queue-library.lua is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A rendered library.
	 * @param code the Lua source, starting with {@code #!lua name=<library>}
	 * @param version a digest of the source, returned by the library's {@code version} function
	 */
	public record Source(String code, String version) {
	}

}
