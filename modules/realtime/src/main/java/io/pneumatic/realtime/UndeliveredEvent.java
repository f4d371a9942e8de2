package io.pneumatic.realtime;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A critical event that a client never acknowledged, after every redelivery.
 *
 * @param at when it was given up on
 * @param userId the client's user
 * @param sessionId the client's STOMP session
 * @param destination where the event was sent ({@code /topic/jobs.42}, {@code /topic/ops.…})
 * @param seq the event's sequence number, if its stream has one
 * @param type the event type
 * @param reason {@code not_acknowledged} (every attempt went unanswered) or {@code connection_closed}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UndeliveredEvent(Instant at, String userId, String sessionId, String destination, @Nullable Long seq,
		String type, String reason) {
}
