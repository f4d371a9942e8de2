package io.pneumatic.queue.internal.redis;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisCommandExecutionException;
import org.jspecify.annotations.Nullable;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.LaneKind;
import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueRequestRejectedException;
import io.pneumatic.queue.QueueRequestRejectedException.Reason;

/**
 * Reads the replies of the queue library's functions (their shapes are documented next to each
 * function in {@code queue-library.lua}).
 */
final class QueueReplies {

	private static final Pattern REFUSAL = Pattern.compile("ERR ([A-Z_]+) (.*)", Pattern.DOTALL);

	private QueueReplies() {
	}

	/** A claim: {@code {id, lane, token, attempt, deadline-ms, enqueued-ms, params, content-type, author, sender, preview, job-id}}. */
	static Claim claim(Object reply) {
		List<?> fields = (List<?>) reply;
		return new Claim(new Lease(string(fields.get(0)), string(fields.get(2))), Lane.of(string(fields.get(1))),
				(int) number(fields.get(3)), instant(fields.get(4)), instant(fields.get(5)), orEmpty(fields.get(6)),
				new ItemDetails(optional(fields.get(7)), optional(fields.get(8)), optional(fields.get(9)),
						optional(fields.get(10)), optional(fields.get(11))));
	}

	static List<Claim> claims(Object reply) {
		return ((List<?>) reply).stream().map(QueueReplies::claim).toList();
	}

	/**
	 * The rejection an error reply of the library stands for.
	 * @throws RedisCommandExecutionException if the error is not a refusal of the library
	 */
	static QueueRequestRejectedException toRejection(RedisCommandExecutionException error) {
		Matcher matcher = REFUSAL.matcher(String.valueOf(error.getMessage()));
		if (matcher.matches()) {
			for (Reason reason : Reason.values()) {
				if (reason.name().equals(matcher.group(1))) {
					return new QueueRequestRejectedException(reason, capitalized(matcher.group(2)));
				}
			}
		}
		throw error;
	}

	static String string(@Nullable Object value) {
		if (value == null) {
			throw new IllegalStateException("The queue library returned nil where a value was expected");
		}
		return value.toString();
	}

	static @Nullable String optional(@Nullable Object value) {
		return (value == null || value.toString().isEmpty()) ? null : value.toString();
	}

	static String orEmpty(@Nullable Object value) {
		return (value != null) ? value.toString() : "";
	}

	static long number(@Nullable Object value) {
		if (value instanceof Long number) {
			return number;
		}
		return Long.parseLong(string(value));
	}

	static @Nullable Long optionalNumber(@Nullable Object value) {
		return (value == null) ? null : number(value);
	}

	static @Nullable Double optionalDecimal(@Nullable Object value) {
		return (value == null) ? null : Double.parseDouble(value.toString());
	}

	static Instant instant(@Nullable Object millis) {
		return Instant.ofEpochMilli(number(millis));
	}

	static @Nullable Instant optionalInstant(@Nullable Object millis) {
		return (millis == null) ? null : Instant.ofEpochMilli((long) Double.parseDouble(millis.toString()));
	}

	static @Nullable LaneKind kindOfTag(String tag) {
		for (LaneKind kind : LaneKind.values()) {
			if (kind.tag().equals(tag)) {
				return kind;
			}
		}
		return null;
	}

	private static String capitalized(String message) {
		return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
	}

}
