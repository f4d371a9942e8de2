package io.pneumatic.realtime.internal.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisCommandExecutionException;

import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.EventRejectedException.Reason;

/**
 * Reads the error replies of the publish function: {@code ERR <REASON> <message>}.
 */
final class PublishRefusal {

	private static final Pattern REFUSAL = Pattern.compile("ERR ([A-Z_]+) (.*)", Pattern.DOTALL);

	private static final String FUNCTION_NOT_FOUND = "ERR Function not found";

	private PublishRefusal() {
	}

	/**
	 * The rejection an error reply stands for; a missing function means the hub has not loaded the
	 * library yet ({@code NOT_READY}).
	 * @throws RedisCommandExecutionException if the error is not a refusal of the publish function
	 */
	static EventRejectedException toRejection(RedisCommandExecutionException error) {
		String message = String.valueOf(error.getMessage());
		if (message.startsWith(FUNCTION_NOT_FOUND)) {
			return new EventRejectedException(Reason.NOT_READY,
					"The event log is not ready: the hub has not loaded its Redis functions yet; retry shortly");
		}
		Matcher matcher = REFUSAL.matcher(message);
		if (matcher.matches()) {
			for (Reason reason : Reason.values()) {
				if (reason.name().equals(matcher.group(1))) {
					return new EventRejectedException(reason, matcher.group(2));
				}
			}
		}
		throw error;
	}

}
