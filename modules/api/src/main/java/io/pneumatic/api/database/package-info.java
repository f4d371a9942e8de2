/**
 * The database schema at start-up: Flyway migration and schema validation that wait for
 * PostgreSQL instead of failing start-up when it is unreachable.
 *
 * <h2>Lifecycle</h2>
 * Boot's own start-up migration is replaced: it would fail start-up after the pool's connection
 * timeout ({@code FlywaySqlUnableToConnectToDbException}). Instead {@link io.pneumatic.api.database.DatabaseSchema}
 * migrates and validates when the context starts if the database answers, and fails start-up on
 * a broken migration as Boot would. If the database does not answer, the app starts anyway with
 * readiness DOWN ({@code databaseSchema} health), and a virtual thread retries every
 * {@code pneumatic.database.schema-retry-interval} until migration and validation succeed.
 *
 * <h2>Invariants</h2>
 * Hibernate never touches the database at start-up ({@code hibernate.boot.allow_jdbc_metadata_access=false},
 * {@code ddl-auto: none}); the mapping is validated against the schema right after every migration,
 * with the same check {@code ddl-auto: validate} would make.
 */
@NullMarked
package io.pneumatic.api.database;

import org.jspecify.annotations.NullMarked;
