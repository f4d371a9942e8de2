package io.pneumatic.queue;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One item of a lane in a {@link QueueSnapshot}.
 *
 * @param id the item's id
 * @param position its place in the lane, 0 for the head
 * @param contentType what the item is
 * @param author who wrote the content
 * @param sender who submitted it
 * @param preview a short excerpt; only {@code /topic/queues.previews} may show it
 * @param timestamp when it was enqueued
 * @param estimatedCompletion when it should be done: the snapshot time plus (position + 1) times the
 *     average processing time of its lane kind
 * @param attempts how many times it was claimed so far
 * @param jobId the job it runs as, if any
 */
public record QueuedItem(String id, int position, @Nullable String contentType, @Nullable String author,
		@Nullable String sender, @Nullable String preview, Instant timestamp, Instant estimatedCompletion, int attempts,
		@Nullable String jobId) {
}
