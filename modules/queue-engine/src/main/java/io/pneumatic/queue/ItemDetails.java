package io.pneumatic.queue;

import org.jspecify.annotations.Nullable;

/**
 * What the queue visualization shows of an item, besides its id and place; every part is optional.
 *
 * @param contentType what the item is, e.g. {@code topic}, {@code post}, {@code message}, a job type;
 *     at most 128 bytes
 * @param author who wrote the content; at most 128 bytes
 * @param sender who submitted it; at most 128 bytes
 * @param preview a short excerpt of the content, cut to {@code pneumatic.queue.max-preview-bytes}
 *     on enqueue; only {@code /topic/queues.previews} shows it
 * @param jobId the job the item runs as, if any; at most 128 bytes
 */
public record ItemDetails(@Nullable String contentType, @Nullable String author, @Nullable String sender,
		@Nullable String preview, @Nullable String jobId) {

	/** No details. */
	public static final ItemDetails NONE = new ItemDetails(null, null, null, null, null);

	/** Details of an item that runs as a job. */
	public static ItemDetails ofJob(String jobId, String contentType) {
		return new ItemDetails(contentType, null, null, null, jobId);
	}

}
