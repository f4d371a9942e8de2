package io.pneumatic.sim.worker;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ItemDetails;

/**
 * A claimed queue item read by the item contract that the hub's REST side enqueues by.
 *
 * <h2>Item contract</h2>
 * <ul>
 * <li>{@link ItemDetails#jobId()}: the job whose stream the item's events go to ({@code jobs:{jobId}:events},
 * STOMP {@code /topic/jobs.{jobId}}); when absent, {@code q-<itemId>}.</li>
 * <li>{@link ItemDetails#contentType()}: {@code topic} (lane {@code global_topics}, params
 * {@code {"title","body"}}), {@code post} (lane {@code posts_topic_{topicId}}, params
 * {@code {"topic_id","body"}}), {@code message} (lane {@code messages_conv_{conversationId}}, params
 * {@code {"conversation_id","body"}}), or any other job type (a job of {@code POST /api/v1/jobs}, params
 * a free-form JSON object); {@code job} when absent.</li>
 * <li>{@link ItemDetails#author()}: who enqueued it, the job's owner; {@link ItemDetails#sender()}: the
 * sender of a message; {@link ItemDetails#preview()}: a short excerpt.</li>
 * <li>params: a JSON object (empty params count as {@code {}}). A topic needs a non-blank {@code title}
 * or {@code body}, a post and a message a non-blank {@code body}; other job types need nothing.</li>
 * </ul>
 * An item that breaks the contract is still processed: its job fails with {@code error} code
 * {@value #INVALID_ITEM} (see {@link #problem()}).
 *
 * @param itemId the queue item id
 * @param lane the lane it was claimed from
 * @param attempt 1 for the first claim
 * @param jobId the job id its events are published on
 * @param contentType {@code topic}, {@code post}, {@code message} or another job type
 * @param author the job owner, if known
 * @param sender the message sender, if any
 * @param preview a short excerpt, if any
 * @param params the params, an empty object when they are not a JSON object
 * @param problem why the item breaks the contract, or {@code null}
 */
record WorkItem(String itemId, String lane, int attempt, String jobId, String contentType, @Nullable String author,
		@Nullable String sender, @Nullable String preview, ObjectNode params, @Nullable String problem) {

	/** The content type of a new topic. */
	static final String TOPIC = "topic";

	/** The content type of a post to a topic. */
	static final String POST = "post";

	/** The content type of a private message. */
	static final String MESSAGE = "message";

	/** The content type assumed when an item names none. */
	static final String GENERIC_JOB = "job";

	/** The {@code error} code of a job whose item breaks the contract. */
	static final String INVALID_ITEM = "INVALID_ITEM";

	private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/** Reads a claim by the item contract; never throws for bad content, see {@link #problem()}. */
	static WorkItem of(Claim claim, JsonMapper json) {
		ItemDetails details = claim.details();
		String jobId = (details.jobId() != null && !details.jobId().isBlank()) ? details.jobId() : "q-" + claim.itemId();
		String contentType = (details.contentType() != null && !details.contentType().isBlank()) ? details.contentType()
				: GENERIC_JOB;
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		String problem = null;
		if (!claim.params().isBlank()) {
			try {
				JsonNode tree = json.readTree(claim.params());
				if (tree instanceof ObjectNode object) {
					params = object;
				}
				else {
					problem = "params are not a JSON object";
				}
			}
			catch (JacksonException ex) {
				problem = "params are not JSON: " + ex.getOriginalMessage();
			}
		}
		if (problem == null) {
			problem = missingText(contentType, params);
		}
		if (!JOB_ID.matcher(jobId).matches()) {
			problem = "job id '" + jobId + "' is not 1 to 64 characters of [A-Za-z0-9_-]";
		}
		return new WorkItem(claim.itemId(), claim.lane().name(), claim.attempt(), jobId, contentType, details.author(),
				details.sender(), details.preview(), params, problem);
	}

	private static @Nullable String missingText(String contentType, ObjectNode params) {
		return switch (contentType) {
			case TOPIC -> (text(params, "title").isBlank() && text(params, "body").isBlank())
					? "a topic needs a non-blank params.title or params.body" : null;
			case POST, MESSAGE -> text(params, "body").isBlank() ? "a " + contentType + " needs a non-blank params.body" : null;
			default -> null;
		};
	}

	/** The text a moderator screens: title and body, or for other jobs their params as JSON. */
	String screenedText() {
		return switch (this.contentType) {
			case TOPIC -> (text(this.params, "title") + "\n" + text(this.params, "body")).strip();
			case POST, MESSAGE -> text(this.params, "body");
			default -> this.params.toString();
		};
	}

	/** Whether the item breaks the contract, so its job fails without screening. */
	boolean isInvalid() {
		return this.problem != null;
	}

	/** A string field of the params, empty when absent or not a string. */
	static String text(ObjectNode params, String field) {
		JsonNode value = params.get(field);
		return (value != null && value.isString()) ? value.asString() : "";
	}

}
