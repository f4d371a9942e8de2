package io.pneumatic.api.jobs;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.pneumatic.realtime.EventEnvelope;

/**
 * A page of a job's history, as {@code GET /api/v1/jobs/{id}/events} returns it.
 *
 * @param jobId the job
 * @param events the events in seq order, with {@code replay_truncated} markers where events are gone
 * @param nextAfterSeq the {@code after_seq} that asks for the next page
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record JobEventPage(String jobId, List<EventEnvelope> events, long nextAfterSeq) {
}
