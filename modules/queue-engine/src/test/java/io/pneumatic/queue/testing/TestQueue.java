package io.pneumatic.queue.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.pneumatic.queue.internal.redis.QueueConnections;
import io.pneumatic.queue.internal.redis.QueueFunctionLibrary;
import io.pneumatic.queue.internal.redis.QueueSettings;
import io.pneumatic.queue.internal.redis.RedisQueueEngine;

/**
 * A queue of its own on the {@link TestRedis}: database {@value TestRedis#DATABASE} emptied at start,
 * and a queue library under a unique name, deleted on close.
 *
 * <p>{@link #newEngine()} gives another engine on a new client and connection, as another app instance
 * (or the same one after a restart) would have.
 */
public final class TestQueue implements AutoCloseable {

	private final QueueFunctionLibrary library = new QueueFunctionLibrary(
			"pneumatic_qt" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));

	private final QueueSettings settings;

	private final List<RedisClient> clients = new ArrayList<>();

	private final List<QueueConnections> connections = new ArrayList<>();

	private final StatefulRedisConnection<String, String> raw;

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	public TestQueue(QueueSettings settings) {
		this.settings = settings;
		this.raw = newClient().connect();
		this.raw.sync().flushdb();
	}

	/** A new engine on a new Redis client, sharing the library and the data with every other one. */
	public synchronized RedisQueueEngine newEngine() {
		QueueConnections connection = new QueueConnections(newClient());
		this.connections.add(connection);
		return new RedisQueueEngine(connection, this.library, this.settings, this.meterRegistry);
	}

	/** A new engine that records its claim latency in the given registry. */
	public synchronized RedisQueueEngine newEngine(MeterRegistry registry) {
		QueueConnections connection = new QueueConnections(newClient());
		this.connections.add(connection);
		return new RedisQueueEngine(connection, this.library, this.settings, registry);
	}

	/** Plain commands on the test database. */
	public RedisCommands<String, String> redis() {
		return this.raw.sync();
	}

	/** The test's library (its functions are {@code <name>_claim}…). */
	public QueueFunctionLibrary library() {
		return this.library;
	}

	public QueueSettings settings() {
		return this.settings;
	}

	/** Where the engines record their claim latency. */
	public MeterRegistry meterRegistry() {
		return this.meterRegistry;
	}

	/** The keys of the test database, other than the ones that are always there once used. */
	public List<String> laneAndItemKeys() {
		return redis().keys("queue:*").stream()
			.filter((key) -> !List.of("queue:ids", "queue:tokens", "queue:stats").contains(key))
			.sorted()
			.toList();
	}

	private synchronized RedisClient newClient() {
		RedisClient client = TestRedis.newClient();
		this.clients.add(client);
		return client;
	}

	/** Removes the library, as a Redis restart without persistence or {@code FUNCTION DELETE} would. */
	public void unloadLibrary() {
		try {
			redis().dispatch(CommandType.FUNCTION, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("DELETE").add(this.library.name()));
		}
		catch (RedisCommandExecutionException ex) {
			// not loaded
		}
	}

	@Override
	public synchronized void close() {
		try {
			unloadLibrary();
		}
		finally {
			this.connections.forEach(QueueConnections::close);
			this.raw.close();
			this.clients.forEach(RedisClient::shutdown);
		}
	}

}
