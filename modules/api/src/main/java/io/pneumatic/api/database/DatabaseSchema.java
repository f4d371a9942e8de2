package io.pneumatic.api.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Migrates the schema with Flyway and validates the JPA mapping against it, at start-up if
 * PostgreSQL answers, else as soon as it does.
 *
 * <p>Thread-safe: {@link #state()} may be read from any thread while a retry thread runs.
 */
class DatabaseSchema implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseSchema.class);

	private final Flyway flyway;

	private final DataSource dataSource;

	private final EntityManagerFactory entityManagerFactory;

	private final Duration retryInterval;

	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private volatile State state = new State(Phase.PENDING, "not started");

	private volatile boolean running;

	DatabaseSchema(Flyway flyway, DataSource dataSource, EntityManagerFactory entityManagerFactory,
			DatabaseSettings settings) {
		this.flyway = flyway;
		this.dataSource = dataSource;
		this.entityManagerFactory = entityManagerFactory;
		this.retryInterval = settings.schemaRetryInterval();
	}

	/** Where the schema stands. */
	State state() {
		return this.state;
	}

	/** Migrates now, or starts retrying; after a stop (a paused test context), only a pending schema is retried. */
	@Override
	public void start() {
		this.running = true;
		if (this.state.phase() != Phase.PENDING) {
			return;
		}
		if (isReachable()) {
			migrateAndValidate();
			return;
		}
		this.state = new State(Phase.PENDING, "database unreachable, retrying every " + this.retryInterval);
		logger.warn("event=schema_migration_deferred reason=database_unreachable retry_interval={}", this.retryInterval);
		CountDownLatch untilStopped = new CountDownLatch(1);
		this.stopped = untilStopped;
		Thread.ofVirtual().name("database-schema-retry").start(() -> retryUntilMigrated(untilStopped));
	}

	private void retryUntilMigrated(CountDownLatch untilStopped) {
		try {
			while (!untilStopped.await(this.retryInterval.toMillis(), TimeUnit.MILLISECONDS)) {
				if (isReachable() && tryMigrateAndValidate()) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Returns whether to stop retrying: the schema is ready, or broken beyond what a retry can fix. */
	private boolean tryMigrateAndValidate() {
		try {
			migrateAndValidate();
			return true;
		}
		catch (RuntimeException ex) {
			if (!isReachable()) {
				logger.warn("event=schema_migration_interrupted reason=database_unreachable cause={}", ex.getMessage());
				return false;
			}
			this.state = new State(Phase.FAILED, String.valueOf(ex.getMessage()));
			logger.error("event=schema_migration_failed; the app stays not ready until it is fixed and restarted", ex);
			return true;
		}
	}

	private void migrateAndValidate() {
		var result = this.flyway.migrate();
		try {
			this.entityManagerFactory.getSchemaManager().validate();
		}
		catch (SchemaValidationException ex) {
			throw new IllegalStateException("The database schema does not match the JPA mapping: "
					+ Arrays.toString(ex.getFailures()) + "; add a migration to db/migrations", ex);
		}
		this.state = new State(Phase.READY, "migrated");
		logger.info("event=schema_ready migrations_executed={}", result.migrationsExecuted);
	}

	private boolean isReachable() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			logger.debug("event=database_unreachable cause={}", ex.getMessage());
			return false;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopped.countDown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Migrate before anything else that starts with the context uses the database. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	/** The stage the schema is in. */
	enum Phase {

		/** Not migrated yet: the database has not answered. */
		PENDING,

		/** Migrated and validated. */
		READY,

		/** Migration or validation failed once the database answered. */
		FAILED

	}

	/** The stage the schema is in and a human-readable detail. */
	record State(Phase phase, String detail) {
	}

}
