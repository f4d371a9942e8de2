package io.pneumatic.api.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the jobs REST API and of job persistence ({@code pneumatic.jobs.*}).
 *
 * @param recentLogs How many of the latest log events GET /api/v1/jobs/{id} shows (default 20).
 * @param persistInterval The least time between two reads of the persistence consumer group
 *     (default 250ms): fewer, fuller transactions, for a snapshot that lags by at most this much more.
 */
@ConfigurationProperties("pneumatic.jobs")
@Validated
record JobsSettings(
		@Min(value = 0, message = "pneumatic.jobs.recent-logs must be 0 or more (0 shows no logs)")
		@Max(value = 1000, message = "pneumatic.jobs.recent-logs must be at most 1000; page through GET /api/v1/jobs/{id}/events for more")
		@DefaultValue("20") int recentLogs,
		@DurationMax(seconds = 10, message = "pneumatic.jobs.persist-interval must be at most 10s: job snapshots would lag too far behind")
		@DefaultValue("250ms") Duration persistInterval) {
}
