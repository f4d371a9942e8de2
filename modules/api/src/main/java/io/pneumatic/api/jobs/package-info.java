/**
 * Jobs as PostgreSQL records them: the {@code persist} consumer that stores every job event and
 * keeps each job's snapshot, the {@link io.pneumatic.realtime.EventArchive} read by replay, and the
 * REST API under {@code /api/v1/jobs}.
 *
 * <h2>Concurrency model</h2>
 * The realtime module calls {@link io.pneumatic.api.jobs.JobEventRecorder#consume} with batches from
 * a virtual thread per app instance; instances share the work through the Redis consumer group,
 * so two instances may record events of the same job at the same time. Each batch is one
 * transaction that locks the job rows it touches ({@code SELECT … FOR UPDATE}, in job id order).
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>{@code job_events} holds each (job_id, seq) once: inserts are {@code ON CONFLICT DO NOTHING}.
 * <li>A snapshot never moves backwards: status and phases remember the seq that last changed them
 *     and ignore older events, which a redelivered batch may bring after newer ones.
 * <li>{@code jobs.last_seq} is the highest seq in {@code job_events} for the job, committed with it.
 * </ul>
 */
@NullMarked
package io.pneumatic.api.jobs;

import org.jspecify.annotations.NullMarked;
