package io.pneumatic.queue;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An item that failed its last attempt.
 *
 * @param itemId its id; {@link QueueEngine#redrive} and {@link QueueEngine#discard} take it
 * @param lane the lane it came from and returns to on re-drive
 * @param attempts how many times it was claimed
 * @param lastError the error of its last attempt (cut to 2048 bytes), or why its lease expired
 * @param deadLetteredAt when it moved to the dead-letter list
 * @param enqueuedAt when it was enqueued
 * @param params its opaque payload
 * @param details what the visualization showed of it
 */
public record DeadLetter(String itemId, Lane lane, int attempts, @Nullable String lastError, Instant deadLetteredAt,
		Instant enqueuedAt, String params, ItemDetails details) {
}
