package io.pneumatic.api.queues;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.pneumatic.queue.DeadLetters;
import io.pneumatic.queue.InFlightItem;
import io.pneumatic.queue.LaneSnapshot;
import io.pneumatic.queue.QueueSnapshot;
import io.pneumatic.queue.QueuedItem;

/**
 * The queues as clients see them, over REST ({@code GET /api/v1/queues}) and in the STOMP
 * visualization feed: {@code QueueInfo} and {@code QueueItem} of the seed design. A preview is
 * filled only for viewers with {@code content_preview}.
 */
final class QueueViews {

	private QueueViews() {
	}

	static Queues of(QueueSnapshot snapshot, boolean withPreviews) {
		return new Queues(snapshot.takenAt(), snapshot.lanes().stream().map((lane) -> QueueInfo.of(lane, withPreviews)).toList(),
				snapshot.deadLetters());
	}

	static DeadLetterPage of(DeadLetters page) {
		return new DeadLetterPage(page.total(), page.items()
			.stream()
			.map((dead) -> new DeadLetterView(dead.itemId(), dead.lane().name(), dead.attempts(), dead.lastError(),
					dead.deadLetteredAt(), dead.enqueuedAt(), dead.details().contentType(), dead.details().author(),
					dead.details().jobId()))
			.toList());
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record DeadLetterPage(long total, List<DeadLetterView> items) {
	}

	/**
	 * @param itemId re-drive or discard it by this id
	 * @param lastError the error of its last attempt, or why its lease expired
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record DeadLetterView(String itemId, String lane, int attempts, @Nullable String lastError, Instant deadLetteredAt,
			Instant enqueuedAt, @Nullable String contentType, @Nullable String author, @Nullable String jobId) {
	}

	/**
	 * @param takenAt when the queues were read
	 * @param lanes every lane with items, or empty only lately
	 * @param deadLetters how many items wait in the dead-letter list
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Queues(Instant takenAt, List<QueueInfo> lanes, long deadLetters) {
	}

	/**
	 * @param name the lane
	 * @param kind {@code global_topics}, {@code topic_posts}, {@code conversation_messages}, {@code named} or {@code unordered}
	 * @param length its exact number of items, the one in flight included
	 * @param inFlight the item a worker holds
	 * @param items its first items, head first
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record QueueInfo(String name, String kind, long length, @Nullable InFlight inFlight, List<QueueItem> items) {

		static QueueInfo of(LaneSnapshot lane, boolean withPreviews) {
			InFlightItem held = lane.inFlight();
			return new QueueInfo(lane.lane().name(), lane.kind().name().toLowerCase(Locale.ROOT), lane.length(),
					(held != null) ? new InFlight(held.itemId(), held.workerId(), held.claimedAt(), held.leaseDeadline()) : null,
					lane.items().stream().map((item) -> QueueItem.of(item, withPreviews)).toList());
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record InFlight(String itemId, String workerId, Instant claimedAt, Instant leaseDeadline) {
	}

	/**
	 * @param preview a short excerpt, only with {@code content_preview}; else {@code null}
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record QueueItem(String id, int position, @Nullable String contentType, @Nullable String author,
			@Nullable String sender, @Nullable String preview, Instant timestamp, Instant estimatedCompletion,
			@Nullable String jobId) {

		static QueueItem of(QueuedItem item, boolean withPreview) {
			return new QueueItem(item.id(), item.position(), item.contentType(), item.author(), item.sender(),
					withPreview ? item.preview() : null, item.timestamp(), item.estimatedCompletion(), item.jobId());
		}

	}

}
