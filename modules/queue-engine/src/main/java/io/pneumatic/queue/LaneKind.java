package io.pneumatic.queue;

/**
 * What a lane is for, read from its name; metrics and completion estimates are kept per kind.
 */
public enum LaneKind {

	/** {@code global_topics}: the one lane of all topic creations. */
	GLOBAL_TOPICS("global_topics"),

	/** {@code posts_topic_{topicId}}: the posts of one topic. */
	TOPIC_POSTS("topic_posts"),

	/** {@code messages_conv_{conversationId}}: the messages of one private conversation. */
	CONVERSATION_MESSAGES("conversation_messages"),

	/** Any other lane, named by a job. */
	NAMED("named"),

	/** {@code unordered-{itemId}}: the lane of its own that the engine gives an item enqueued without a lane. */
	UNORDERED("unordered");

	private final String tag;

	LaneKind(String tag) {
		this.tag = tag;
	}

	/** The kind's lower snake case name, as in metric tags and Redis statistics ({@code topic_posts}). */
	public String tag() {
		return this.tag;
	}

}
