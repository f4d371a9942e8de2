package io.pneumatic.api.database;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Moves schema migration from bean creation to {@link DatabaseSchema}, which tolerates an
 * unreachable database, and reports it as the {@code databaseSchema} health contributor.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/** Boot would migrate while creating beans and fail start-up without a database; DatabaseSchema migrates instead. */
	@Bean
	FlywayMigrationStrategy migrationOnContextStart() {
		return flyway -> {
		};
	}

	@Bean
	DatabaseSchema databaseSchema(Flyway flyway, DataSource dataSource, EntityManagerFactory entityManagerFactory,
			DatabaseSettings settings) {
		return new DatabaseSchema(flyway, dataSource, entityManagerFactory, settings);
	}

	@Bean
	HealthIndicator databaseSchemaHealthIndicator(DatabaseSchema schema) {
		return () -> {
			DatabaseSchema.State state = schema.state();
			Health.Builder health = (state.phase() == DatabaseSchema.Phase.READY) ? Health.up() : Health.down();
			return health.withDetail("phase", state.phase()).withDetail("detail", state.detail()).build();
		};
	}

}
