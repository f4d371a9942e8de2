package io.pneumatic.api.testing;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Where integration tests find PostgreSQL, Redis and RabbitMQ, chosen by {@code PNEUMATIC_TEST_SERVICES}
 * (a system property, else an environment variable).
 */
public enum TestServicesMode {

	/** Containers when a Docker engine answers, else the local services (the default). */
	AUTO,

	/** The local services: PostgreSQL and Redis on 127.0.0.1, RabbitMQ's STOMP plugin on 127.0.0.1:61613. */
	LOCAL,

	/** Testcontainers; fails the tests when no Docker engine answers, never skips them. */
	CONTAINERS;

	/** The name of the switch, as a system property or an environment variable. */
	public static final String SWITCH = "PNEUMATIC_TEST_SERVICES";

	private static final Logger logger = LoggerFactory.getLogger(TestServicesMode.class);

	private static volatile @Nullable Boolean containers;

	/** The configured mode; {@link #AUTO} when the switch is not set. */
	public static TestServicesMode configured() {
		String value = System.getProperty(SWITCH, System.getenv(SWITCH));
		if (value == null || value.isBlank()) {
			return AUTO;
		}
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(SWITCH + "=" + value + " is not a mode; use one of "
					+ Arrays.toString(values()).toLowerCase(Locale.ROOT), ex);
		}
	}

	/**
	 * Whether the tests run against containers; decided once per JVM.
	 * @throws IllegalStateException if the switch asks for containers and no Docker engine answers
	 */
	public static boolean useContainers() {
		Boolean decided = containers;
		if (decided == null) {
			TestServicesMode mode = configured();
			decided = decide(mode);
			containers = decided;
			logger.info("event=test_services_chosen switch={} services={}", mode.name().toLowerCase(Locale.ROOT),
					decided ? "containers" : "local");
		}
		return decided;
	}

	private static boolean decide(TestServicesMode mode) {
		return switch (mode) {
			case LOCAL -> false;
			case AUTO -> DockerClientFactory.instance().isDockerAvailable();
			case CONTAINERS -> {
				if (!DockerClientFactory.instance().isDockerAvailable()) {
					throw new IllegalStateException(SWITCH + "=containers but no Docker engine answers: start Docker, "
							+ "or run with " + SWITCH + "=local against local PostgreSQL, Redis and RabbitMQ");
				}
				yield true;
			}
		};
	}

}
