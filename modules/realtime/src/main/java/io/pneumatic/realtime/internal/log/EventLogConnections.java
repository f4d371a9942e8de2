package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis connections of the event log: one shared, multiplexed connection for publishing and
 * short commands, plus one dedicated connection per blocking reader.
 *
 * <p>The shared connection is opened on first use (so an application starts while Redis is down) and
 * reconnects by itself. Thread-safe. Closing closes the shared connection only; whoever opens a
 * dedicated connection closes it.
 */
public final class EventLogConnections implements AutoCloseable {

	/** Resolved per connection: Spring Data Redis replaces its client when its context is stopped and started again. */
	private final Supplier<RedisClient> client;

	private volatile @Nullable StatefulRedisConnection<String, String> shared;

	public EventLogConnections(RedisClient client) {
		this(() -> client);
	}

	private EventLogConnections(Supplier<RedisClient> client) {
		this.client = client;
	}

	/** Uses the Lettuce client of Spring Data Redis; Redis Cluster is not supported (multi-key reads). */
	public static EventLogConnections of(LettuceConnectionFactory connectionFactory) {
		return new EventLogConnections(() -> {
			AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
			if (!(client instanceof RedisClient redisClient)) {
				throw new IllegalStateException("The event log needs a standalone or Sentinel Redis, not "
						+ client.getClass().getSimpleName() + ": its readers cover many job streams in one XREADGROUP");
			}
			return redisClient;
		});
	}

	/** Commands on the shared connection; do not block on it. */
	public RedisCommands<String, String> commands() {
		return sharedConnection().sync();
	}

	/**
	 * Opens a connection for one blocking reader.
	 * @param clientName its name in {@code CLIENT LIST}
	 * @param blockFor the longest blocking read on it, added to the command timeout
	 */
	public StatefulRedisConnection<String, String> openDedicated(String clientName, Duration blockFor) {
		StatefulRedisConnection<String, String> connection = this.client.get().connect(StringCodec.UTF8);
		try {
			connection.setTimeout(connection.getTimeout().plus(blockFor));
			connection.sync().clientSetname(clientName);
			return connection;
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private StatefulRedisConnection<String, String> sharedConnection() {
		StatefulRedisConnection<String, String> connection = this.shared;
		if (connection != null && connection.isOpen()) {
			return connection;
		}
		synchronized (this) {
			if (this.shared == null || !this.shared.isOpen()) {
				if (this.shared != null) {
					this.shared.close();
					this.shared = null;
				}
				this.shared = this.client.get().connect(StringCodec.UTF8);
			}
			return this.shared;
		}
	}

	@Override
	public synchronized void close() {
		StatefulRedisConnection<String, String> connection = this.shared;
		this.shared = null;
		// Spring Data Redis may have shut the client down first (its lifecycle stops before beans are destroyed).
		if (connection != null && connection.isOpen()) {
			connection.close();
		}
	}

}
