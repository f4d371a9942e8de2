package io.pneumatic.queue.internal.redis;

import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis connection of the queue engine: one shared, multiplexed Lettuce connection. Every queue
 * operation is one short function call, so concurrent callers pipeline on it and none blocks it.
 *
 * <p>Opened on first use (an application starts while Redis is down) and reconnecting by itself.
 * Thread-safe.
 */
public final class QueueConnections implements AutoCloseable {

	/** Resolved per connection: Spring Data Redis replaces its client when its context restarts. */
	private final Supplier<RedisClient> client;

	private volatile @Nullable StatefulRedisConnection<String, String> shared;

	public QueueConnections(RedisClient client) {
		this(() -> client);
	}

	private QueueConnections(Supplier<RedisClient> client) {
		this.client = client;
	}

	/** Uses the Lettuce client of Spring Data Redis; Redis Cluster is not supported. */
	public static QueueConnections of(LettuceConnectionFactory connectionFactory) {
		return new QueueConnections(() -> {
			AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
			if (!(client instanceof RedisClient redisClient)) {
				throw new IllegalStateException("The queue engine needs a standalone or Sentinel Redis, not "
						+ client.getClass().getSimpleName() + ": one function call touches many lanes");
			}
			return redisClient;
		});
	}

	/** Commands on the shared connection. */
	public RedisCommands<String, String> commands() {
		StatefulRedisConnection<String, String> connection = this.shared;
		if (connection != null && connection.isOpen()) {
			return connection.sync();
		}
		synchronized (this) {
			if (this.shared == null || !this.shared.isOpen()) {
				if (this.shared != null) {
					this.shared.close();
				}
				this.shared = this.client.get().connect(StringCodec.UTF8);
			}
			return this.shared.sync();
		}
	}

	@Override
	public synchronized void close() {
		StatefulRedisConnection<String, String> connection = this.shared;
		this.shared = null;
		if (connection != null && connection.isOpen()) {
			connection.close();
		}
	}

}
