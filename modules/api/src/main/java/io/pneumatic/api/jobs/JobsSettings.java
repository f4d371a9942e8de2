package io.pneumatic.api.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the jobs REST API ({@code pneumatic.jobs.*}).
 *
 * @param recentLogs How many of the latest log events GET /api/v1/jobs/{id} shows (default 20).
 */
@ConfigurationProperties("pneumatic.jobs")
@Validated
record JobsSettings(
		@Min(value = 0, message = "pneumatic.jobs.recent-logs must be 0 or more (0 shows no logs)")
		@Max(value = 1000, message = "pneumatic.jobs.recent-logs must be at most 1000; page through GET /api/v1/jobs/{id}/events for more")
		@DefaultValue("20") int recentLogs) {
}
