package io.pneumatic.queue;

import org.jspecify.annotations.Nullable;

/**
 * An item to enqueue.
 *
 * @param lane the lane to queue it in, or {@code null} to run it unordered (in a lane of its own,
 *     {@code unordered-{itemId}}); lanes of kind {@link LaneKind#UNORDERED} are refused
 * @param clientKey makes the enqueue idempotent: another enqueue with the same key within
 *     {@code pneumatic.queue.dedup-window} gets the same item and enqueues nothing; {@code null} for
 *     none; 1 to 128 printable ASCII characters without spaces
 * @param params the opaque payload the worker receives (usually JSON), at most
 *     {@code pneumatic.queue.max-params-bytes} in UTF-8
 * @param details what the queue visualization shows of the item
 */
public record EnqueueRequest(@Nullable Lane lane, @Nullable String clientKey, String params, ItemDetails details) {

	/**
	 * Checks what can be checked without the configuration.
	 * @throws QueueRequestRejectedException if the lane is unordered
	 */
	public EnqueueRequest {
		if (lane != null && lane.kind() == LaneKind.UNORDERED) {
			throw new QueueRequestRejectedException(QueueRequestRejectedException.Reason.INVALID_LANE,
					"Lane '" + lane + "' is reserved: leave the lane out to enqueue an unordered item");
		}
	}

	/** An item for a lane, without client key or details. */
	public static EnqueueRequest of(Lane lane, String params) {
		return new EnqueueRequest(lane, null, params, ItemDetails.NONE);
	}

	/** An unordered item, without client key or details. */
	public static EnqueueRequest unordered(String params) {
		return new EnqueueRequest(null, null, params, ItemDetails.NONE);
	}

	/** The same request with a client key. */
	public EnqueueRequest withClientKey(String key) {
		return new EnqueueRequest(this.lane, key, this.params, this.details);
	}

	/** The same request with details. */
	public EnqueueRequest withDetails(ItemDetails newDetails) {
		return new EnqueueRequest(this.lane, this.clientKey, this.params, newDetails);
	}

}
