package io.pneumatic.queue;

import java.util.regex.Pattern;

/**
 * A FIFO lane: its items are handed out one at a time, in the order they were enqueued.
 *
 * <p>Names are 1 to {@value #MAX_LENGTH} characters of {@code a-z}, {@code 0-9}, {@code _} and
 * {@code -}, starting with a letter or digit. The kind follows from the name: {@code global_topics},
 * {@code posts_topic_{topicId}}, {@code messages_conv_{conversationId}}, {@code unordered-{itemId}}
 * (given by the engine to an item enqueued without a lane), or any other name ({@link LaneKind#NAMED}).
 *
 * @param name the lane's name
 */
public record Lane(String name) {

	/** The longest lane name. */
	public static final int MAX_LENGTH = 128;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	private static final String GLOBAL_TOPICS = "global_topics";

	private static final String TOPIC_POSTS_PREFIX = "posts_topic_";

	private static final String CONVERSATION_PREFIX = "messages_conv_";

	private static final String UNORDERED_PREFIX = "unordered-";

	private static final Pattern UNORDERED = Pattern.compile(UNORDERED_PREFIX + "[0-9]+");

	/**
	 * Checks the name.
	 * @throws QueueRequestRejectedException with {@code INVALID_LANE} if it is not a lane name
	 */
	public Lane {
		if (name.isEmpty() || name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
			throw invalid("Lane '" + abbreviated(name) + "' must be 1 to " + MAX_LENGTH
					+ " characters of a-z, 0-9, _ and -, starting with a letter or digit");
		}
		if (name.equals(TOPIC_POSTS_PREFIX) || name.equals(CONVERSATION_PREFIX)) {
			throw invalid("Lane '" + name + "' lacks the topic or conversation id after its prefix");
		}
		if (name.startsWith(UNORDERED_PREFIX) && !UNORDERED.matcher(name).matches()) {
			throw invalid("Lane '" + abbreviated(name) + "' is reserved: unordered lanes are unordered-{itemId}");
		}
	}

	/** The lane of a name, as a client or the engine wrote it. */
	public static Lane of(String name) {
		return new Lane(name);
	}

	/** {@code global_topics}: all topic creations, one at a time. */
	public static Lane globalTopics() {
		return new Lane(GLOBAL_TOPICS);
	}

	/** {@code posts_topic_{topicId}}; the id is lower case letters, digits, {@code _} and {@code -}. */
	public static Lane topicPosts(String topicId) {
		return new Lane(TOPIC_POSTS_PREFIX + topicId);
	}

	/** {@code messages_conv_{conversationId}}; the id is lower case letters, digits, {@code _} and {@code -}. */
	public static Lane conversationMessages(String conversationId) {
		return new Lane(CONVERSATION_PREFIX + conversationId);
	}

	/** What the lane is for, from its name. */
	public LaneKind kind() {
		if (this.name.equals(GLOBAL_TOPICS)) {
			return LaneKind.GLOBAL_TOPICS;
		}
		if (this.name.startsWith(TOPIC_POSTS_PREFIX)) {
			return LaneKind.TOPIC_POSTS;
		}
		if (this.name.startsWith(CONVERSATION_PREFIX)) {
			return LaneKind.CONVERSATION_MESSAGES;
		}
		if (this.name.startsWith(UNORDERED_PREFIX)) {
			return LaneKind.UNORDERED;
		}
		return LaneKind.NAMED;
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static QueueRequestRejectedException invalid(String message) {
		return new QueueRequestRejectedException(QueueRequestRejectedException.Reason.INVALID_LANE, message);
	}

	private static String abbreviated(String name) {
		return (name.length() > 64) ? name.substring(0, 64) + "..." : name;
	}

}
