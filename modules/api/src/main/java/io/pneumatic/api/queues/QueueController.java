package io.pneumatic.api.queues;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.api.jobs.JobSubmissions;
import io.pneumatic.api.jobs.SubmissionAccepted;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.ClientIdentity;

/**
 * The forum's queues over REST: new topics (one global lane), posts (a lane per topic) and private
 * messages (a lane per conversation) are submitted as jobs that a worker screens and answers; the
 * queues' snapshot; and, for operators, the dead letters.
 */
@RestController
@RequestMapping("/api/v1")
class QueueController {

	private static final String ID = "[a-z0-9][a-z0-9_-]{0,63}";

	private static final String ID_MESSAGE = "must be 1 to 64 characters of a-z, 0-9, _ and -, starting with a letter or digit";

	private static final String ITEM_ID = "[0-9]{1,19}";

	private static final String ITEM_ID_MESSAGE = "must be a queue item id";

	private static final int PREVIEW_LENGTH = 140;

	private final JobSubmissions submissions;

	private final QueueEngine queue;

	private final JsonMapper json;

	QueueController(JobSubmissions submissions, QueueEngine queue, JsonMapper json) {
		this.submissions = submissions;
		this.queue = queue;
		this.json = json;
	}

	@PostMapping("/topics")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SubmissionAccepted createTopic(@RequestBody @Valid NewTopic topic, @AuthenticationPrincipal ClientIdentity author) {
		String topicId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		return submit(author, "topic", Lane.globalTopics(),
				Map.of("topic_id", topicId, "title", topic.title(), "body", topic.body()), null, topic.title(), topic.clientKey())
			.withTopic(topicId);
	}

	@PostMapping("/topics/{topicId}/posts")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SubmissionAccepted createPost(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String topicId,
			@RequestBody @Valid NewText post, @AuthenticationPrincipal ClientIdentity author) {
		return submit(author, "post", Lane.topicPosts(topicId), Map.of("topic_id", topicId, "body", post.body()), null,
				post.body(), post.clientKey());
	}

	@PostMapping("/conversations/{conversationId}/messages")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SubmissionAccepted sendMessage(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String conversationId,
			@RequestBody @Valid NewText message, @AuthenticationPrincipal ClientIdentity sender) {
		return submit(sender, "message", Lane.conversationMessages(conversationId),
				Map.of("conversation_id", conversationId, "body", message.body()), sender.userId(), message.body(),
				message.clientKey());
	}

	@GetMapping("/queues")
	QueueViews.Queues queues(@AuthenticationPrincipal ClientIdentity viewer) {
		return QueueViews.of(this.queue.snapshot(), viewer.permissions().contains(ClientIdentity.CONTENT_PREVIEW));
	}

	/** Operators and admins only (the security configuration says so for {@code /api/v1/queues/dead-letters/**}). */
	@GetMapping("/queues/dead-letters")
	QueueViews.DeadLetterPage deadLetters(@RequestParam(defaultValue = "0") @Min(0) int offset,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return QueueViews.of(this.queue.deadLetters(offset, limit));
	}

	@PostMapping("/queues/dead-letters/{itemId}/redrive")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void redrive(@PathVariable @Pattern(regexp = ITEM_ID, message = ITEM_ID_MESSAGE) String itemId) {
		if (!this.queue.redrive(itemId)) {
			throw new DeadLetterNotFoundException(itemId);
		}
	}

	@DeleteMapping("/queues/dead-letters/{itemId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void discard(@PathVariable @Pattern(regexp = ITEM_ID, message = ITEM_ID_MESSAGE) String itemId) {
		if (!this.queue.discard(itemId)) {
			throw new DeadLetterNotFoundException(itemId);
		}
	}

	private SubmissionAccepted submit(ClientIdentity author, String type, Lane lane, Map<String, Object> params,
			@Nullable String sender, String text, @Nullable String clientKey) {
		String preview = (text.length() > PREVIEW_LENGTH) ? text.substring(0, PREVIEW_LENGTH - 1) + "…" : text;
		return SubmissionAccepted.of(this.submissions.submit(author, type, lane, this.json.writeValueAsString(params), sender,
				preview, clientKey));
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record NewTopic(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 10_000) String body,
			@Nullable @Pattern(regexp = "[A-Za-z0-9_.:-]{1,128}") String clientKey) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record NewText(@NotBlank @Size(max = 10_000) String body,
			@Nullable @Pattern(regexp = "[A-Za-z0-9_.:-]{1,128}") String clientKey) {
	}

}
