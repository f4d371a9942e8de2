package io.pneumatic.sim.testing;

import java.util.Locale;
import java.util.Map;

import com.redis.testcontainers.RedisContainer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The Redis that tests run against, chosen by {@code PNEUMATIC_TEST_SERVICES} (system property, else
 * environment variable): {@code auto} (the default) uses a Testcontainers Redis when a Docker engine
 * answers, else the local Redis at 127.0.0.1 (port 6379, or
 * {@code PNEUMATIC_TEST_REDIS_PORT} so that two checkouts can test side by side); {@code local} always the local one;
 * {@code containers} always a container, failing without Docker.
 *
 * <p>Tests use logical database {@value #DATABASE}, so they never meet other modules' keys. Redis
 * functions are server-wide, so tests load the event and queue libraries under names of their own. Tests fail,
 * never skip, when this Redis is unreachable.
 */
public final class TestRedis {

	/** The logical database of worker-sim's tests (flushed by them: nothing else may use it). */
	public static final int DATABASE = 15;

	private static final String SWITCH = "PNEUMATIC_TEST_SERVICES";

	private static final String PORT_SWITCH = "PNEUMATIC_TEST_REDIS_PORT";

	private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.4-alpine");

	private static @Nullable RedisURI uri;

	private TestRedis() {
	}

	/** Where the test Redis is, starting a container on first use if Docker is there. */
	public static synchronized RedisURI uri() {
		if (uri == null) {
			uri = useContainer() ? startContainer() : RedisURI.Builder.redis("127.0.0.1", localPort()).build();
			uri.setDatabase(DATABASE);
			assertReachable(uri);
		}
		return uri;
	}

	/** A new client for the test Redis; shut it down after use. */
	public static RedisClient newClient() {
		return RedisClient.create(uri());
	}

	/** The {@code spring.data.redis.*} properties of the test Redis. */
	public static Map<String, String> springProperties() {
		RedisURI redis = uri();
		return Map.of("spring.data.redis.host", redis.getHost(), "spring.data.redis.port", Integer.toString(redis.getPort()),
				"spring.data.redis.database", Integer.toString(DATABASE));
	}

	/** The same as {@code key=value} pairs for context runners and {@code @SpringBootTest(properties)}. */
	public static String[] springPropertyPairs() {
		return springProperties().entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
	}

	private static int localPort() {
		String port = System.getProperty(PORT_SWITCH, System.getenv(PORT_SWITCH));
		return (port == null || port.isBlank()) ? 6379 : Integer.parseInt(port.trim());
	}

	private static boolean useContainer() {
		String mode = System.getProperty(SWITCH, System.getenv(SWITCH));
		mode = (mode == null || mode.isBlank()) ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
		boolean docker = !mode.equals("local") && DockerClientFactory.instance().isDockerAvailable();
		return switch (mode) {
			case "local" -> false;
			case "auto" -> docker;
			case "containers" -> {
				if (!docker) {
					throw new IllegalStateException(SWITCH + "=containers but no Docker engine answers: start Docker, "
							+ "or run with " + SWITCH + "=local against a local Redis 7");
				}
				yield true;
			}
			default -> throw new IllegalStateException(SWITCH + "=" + mode + " is not a mode; use auto, local or containers");
		};
	}

	private static RedisURI startContainer() {
		RedisContainer container = new RedisContainer(IMAGE);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return RedisURI.Builder.redis(container.getRedisHost(), container.getRedisPort()).build();
	}

	private static void assertReachable(RedisURI redis) {
		String version;
		RedisClient client = RedisClient.create(redis);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			version = connection.sync().info("server").lines()
				.filter((line) -> line.startsWith("redis_version:"))
				.findFirst()
				.orElse("redis_version:0.0.0")
				.substring("redis_version:".length());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("No Redis for tests at " + redis + ": start Docker, or a local Redis 7 on "
					+ "127.0.0.1 with PNEUMATIC_TEST_SERVICES=local", ex);
		}
		finally {
			client.shutdown();
		}
		if (Integer.parseInt(version.substring(0, version.indexOf('.'))) < 7) {
			throw new IllegalStateException("Tests need Redis 7 or later (functions), found " + version + " at " + redis);
		}
	}

}
