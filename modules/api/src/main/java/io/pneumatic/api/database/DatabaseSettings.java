package io.pneumatic.api.database;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the database schema at start-up ({@code pneumatic.database.*}).
 *
 * @param schemaRetryInterval How often to retry schema migration while PostgreSQL is unreachable at start-up (default 5s).
 */
@ConfigurationProperties("pneumatic.database")
@Validated
record DatabaseSettings(
		@NotNull(message = "set pneumatic.database.schema-retry-interval to a duration such as 5s")
		@DurationMin(millis = 100, message = "pneumatic.database.schema-retry-interval must be at least 100ms (for example 5s)")
		@DefaultValue("5s") Duration schemaRetryInterval) {
}
