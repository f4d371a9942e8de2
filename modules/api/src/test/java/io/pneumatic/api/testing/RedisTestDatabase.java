package io.pneumatic.api.testing;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Gives each cached test context a Redis database of its own, emptied before the hub starts.
 *
 * <p>An embedded-broker hub is a single node: two of them on one Redis database would share the
 * {@code relay} consumer group while each has its own broker, so each would relay only part of the
 * events its clients wait for. Contexts of one test that form a cluster on purpose (a second
 * instance on an external broker) copy {@code spring.data.redis.database} from the first.
 * Databases 1 to 12 rotate; 0 is the demo's and 13 the realtime module's tests'.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RedisTestDatabase {

	private static final AtomicInteger contexts = new AtomicInteger();

	@Bean
	DynamicPropertyRegistrar redisTestDatabaseProperty() {
		int database = 1 + Math.floorMod(contexts.getAndIncrement(), 12);
		return registry -> registry.add("spring.data.redis.database", () -> database);
	}

	@Bean
	SmartInitializingSingleton redisTestDatabaseCleaner(RedisConnectionFactory redis) {
		return () -> {
			try (RedisConnection connection = redis.getConnection()) {
				connection.serverCommands().flushDb();
			}
		};
	}

}
