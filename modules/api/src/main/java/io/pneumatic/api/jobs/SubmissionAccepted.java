package io.pneumatic.api.jobs;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to a submission (202 Accepted): where the work waits and when it should be done.
 *
 * @param jobId the job whose events stream on {@code /topic/jobs.{jobId}}
 * @param itemId the queue item
 * @param lane the lane it waits in
 * @param position its place in the lane, 0 for the head
 * @param estimatedCompletion when it should be done, from the moving average of its lane kind
 * @param duplicate whether an earlier submission with the same client key was found instead
 * @param topicId the new topic's id, for a topic (its posts go to {@code /topics/{topicId}/posts})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionAccepted(String jobId, String itemId, String lane, int position,
		@Nullable Instant estimatedCompletion, boolean duplicate, @Nullable String topicId) {

	public static SubmissionAccepted of(JobSubmissions.Submitted submitted) {
		return new SubmissionAccepted(submitted.jobId(), submitted.enqueued().itemId(), submitted.enqueued().lane().name(),
				submitted.enqueued().position(), submitted.enqueued().estimatedCompletion(), submitted.enqueued().duplicate(),
				null);
	}

	public SubmissionAccepted withTopic(String id) {
		return new SubmissionAccepted(this.jobId, this.itemId, this.lane, this.position, this.estimatedCompletion,
				this.duplicate, id);
	}

}
