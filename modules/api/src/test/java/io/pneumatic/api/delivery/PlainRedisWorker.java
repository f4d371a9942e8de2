package io.pneumatic.api.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.springframework.core.env.Environment;

import static org.awaitility.Awaitility.await;

/**
 * A worker that publishes with plain Redis commands, as one in any language would: no Java
 * publisher, just {@code FCALL pneumatic_publish} (or {@code pneumatic_publish_ops}) on its own connection.
 */
final class PlainRedisWorker implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	PlainRedisWorker(Environment environment) {
		this.client = RedisClient.create(RedisURI.builder()
			.withHost(environment.getProperty("spring.data.redis.host", "127.0.0.1"))
			.withPort(environment.getProperty("spring.data.redis.port", Integer.class, 6379))
			.withDatabase(environment.getProperty("spring.data.redis.database", Integer.class, 0))
			.build());
		this.connection = this.client.connect();
	}

	/** The raw command interface, for transactions and reads. */
	RedisCommands<String, String> redis() {
		return this.connection.sync();
	}

	/**
	 * {@code FCALL pneumatic_publish 4 jobs:{id}:events jobs:{id}:meta events:jobs events:wakeup <type> <payload>},
	 * retried while the hub answers {@code NOT_READY}, as docs/protocol.md tells workers to.
	 */
	List<Object> publish(String jobId, String type, String payloadJson) {
		AtomicReference<List<Object>> reply = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptionsMatching((ex) -> String.valueOf(ex.getMessage()).startsWith("NOT_READY"))
			.until(() -> {
				reply.set(this.connection.sync()
					.fcall("pneumatic_publish", ScriptOutputType.MULTI, keys(jobId), type, payloadJson));
				return true;
			});
		return reply.get();
	}

	/**
	 * {@code FCALL pneumatic_publish_ops 4 ops:{<cluster>}:<namespace>:events ops:{<cluster>}:gpu ops:streams ops:wakeup
	 * <type> <payload>}, as docs/ops.md shows; refusals are thrown as they come.
	 */
	List<Object> publishOps(String cluster, String namespace, String type, String payloadJson) {
		return this.connection.sync().fcall("pneumatic_publish_ops", ScriptOutputType.MULTI, opsKeys(cluster, namespace),
				type, payloadJson);
	}

	static String[] opsKeys(String cluster, String namespace) {
		return new String[] { "ops:{" + cluster + "}:" + namespace + ":events", "ops:{" + cluster + "}:gpu", "ops:streams",
				"ops:wakeup" };
	}

	static String[] keys(String jobId) {
		return new String[] { "jobs:{" + jobId + "}:events", "jobs:{" + jobId + "}:meta", "events:jobs",
				"events:wakeup" };
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
