package io.pneumatic.queue;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An enqueue the engine accepted.
 *
 * @param itemId the item's id (a decimal number, unique while Redis keeps its data)
 * @param lane its lane ({@code unordered-{itemId}} when the request named none)
 * @param position its place in the lane, 0 for the head (next to be handed out, or in flight);
 *     -1 when a duplicate's item is no longer in its lane
 * @param state {@link ItemState#WAITING} for a new item; for a duplicate, where the first one stands
 * @param estimatedCompletion when it should be done, from the moving average of processing times of
 *     its lane kind; {@code null} when it is no longer in its lane
 * @param duplicate whether an earlier enqueue with the same client key created the item
 */
public record Enqueued(String itemId, Lane lane, int position, ItemState state, @Nullable Instant estimatedCompletion,
		boolean duplicate) {
}
