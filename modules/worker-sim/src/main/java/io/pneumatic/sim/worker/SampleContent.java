package io.pneumatic.sim.worker;

import java.util.random.RandomGenerator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;

/**
 * Writes sample queue items by the item contract (see {@link WorkItem}): new topics, posts to topics
 * {@code demo-1…demo-<topics>} and private messages in conversations {@code demo-1…demo-<conversations>},
 * by authors {@code demo-user-1…demo-user-5}; about one in eight contains a tell-tale phrase, so
 * screening flags it.
 *
 * <p>Items carry no job id: the worker runs each as job {@code q-<itemId>}. Plain Java; deterministic
 * for a given random generator. Not thread-safe.
 */
final class SampleContent {

	private static final int AUTHORS = 5;

	private static final int PREVIEW_LENGTH = 80;

	private static final String[] TITLES = {
			"Weekend hiking spots near the lake", "Which keyboard switches for programming?",
			"Sourdough starter keeps dying", "Favourite sci-fi novels of the decade", "Tips for a first marathon",
			"Best way to learn Rust in 2026", "Balcony tomatoes: what worked for you?" };

	private static final String[] BODIES = {
			"I tried three different approaches and the second one worked best for me.",
			"Has anyone compared this with last year's version? The changelog is long.",
			"Totally agree, the trick is to start small and stay consistent.",
			"Here is a photo of my setup, happy to answer questions about it.",
			"I would add that the documentation covers this in the advanced section.",
			"Counterpoint: the cheaper option held up just as well in my tests." };

	private static final String[] MESSAGES = {
			"Are we still on for Thursday?", "Sent you the slides, let me know what you think.",
			"Thanks again for the help yesterday!", "Can you review my pull request when you have a minute?",
			"Running ten minutes late, sorry." };

	private static final String[] FLAGGED = {
			"Buy now! Free money for the first hundred people, click here.",
			"You are an idiot and nobody likes you.",
			"Crypto giveaway, limited offer, send your wallet address.",
			"Shut up, loser." };

	private final RandomGenerator random;

	private final JsonMapper json;

	private final int topics;

	private final int conversations;

	SampleContent(RandomGenerator random, JsonMapper json, int topics, int conversations) {
		this.random = random;
		this.json = json;
		this.topics = topics;
		this.conversations = conversations;
	}

	/** The next sample item: a topic (one in five), a post or a message (two in five each). */
	EnqueueRequest next(String clientKey) {
		String author = "demo-user-" + this.random.nextInt(1, AUTHORS + 1);
		int kind = this.random.nextInt(5);
		ObjectNode params = this.json.createObjectNode();
		Lane lane;
		ItemDetails details;
		if (kind == 0) {
			String title = pick(TITLES);
			params.put("title", title).put("body", text(BODIES));
			lane = Lane.globalTopics();
			details = new ItemDetails(WorkItem.TOPIC, author, null, preview(title), null);
		}
		else if (kind <= 2) {
			String topicId = "demo-" + this.random.nextInt(1, this.topics + 1);
			String body = text(BODIES);
			params.put("topic_id", topicId).put("body", body);
			lane = Lane.topicPosts(topicId);
			details = new ItemDetails(WorkItem.POST, author, null, preview(body), null);
		}
		else {
			String conversationId = "demo-" + this.random.nextInt(1, this.conversations + 1);
			String body = text(MESSAGES);
			params.put("conversation_id", conversationId).put("body", body);
			lane = Lane.conversationMessages(conversationId);
			details = new ItemDetails(WorkItem.MESSAGE, author, author, preview(body), null);
		}
		return new EnqueueRequest(lane, clientKey, this.json.writeValueAsString(params), details);
	}

	private String text(String[] usual) {
		return (this.random.nextInt(8) == 0) ? pick(FLAGGED) : pick(usual);
	}

	private String pick(String[] texts) {
		return texts[this.random.nextInt(texts.length)];
	}

	private static String preview(String text) {
		return (text.length() <= PREVIEW_LENGTH) ? text : text.substring(0, PREVIEW_LENGTH - 1) + "…";
	}

}
