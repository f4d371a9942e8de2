package io.pneumatic.sim.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.pneumatic.queue.internal.redis.QueueAutoConfiguration;
import io.pneumatic.queue.internal.redis.QueueFunctionLibrary;
import io.pneumatic.realtime.internal.log.EventFunctionLibrary;
import io.pneumatic.realtime.internal.log.EventLogAutoConfiguration;
import io.pneumatic.realtime.internal.log.EventSettings;
import io.pneumatic.realtime.internal.log.OpsStreamSettings;
import io.pneumatic.realtime.internal.log.RetentionSettings;

/**
 * What a worker needs of the hub, on the {@link TestRedis} database {@value TestRedis#DATABASE}: the
 * event library loaded (as the hub would, under a name of this test run), and a context runner with the
 * realtime and queue auto-configurations (an {@code EventPublisher} and a {@code QueueEngine}, the queue
 * library also under a name of its own). Empties the database when created.
 *
 * <p>Reads job streams back with plain {@code XRANGE}, as any client could.
 */
public final class TestHub implements AutoCloseable {

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final EventFunctionLibrary events = new EventFunctionLibrary("pneumatic_st" + this.suffix);

	private final QueueFunctionLibrary queue = new QueueFunctionLibrary("pneumatic_sq" + this.suffix);

	private final RedisClient client = TestRedis.newClient();

	private final StatefulRedisConnection<String, String> connection = this.client.connect();

	private final JsonMapper json = JsonMapper.builder().build();

	public TestHub() {
		RedisCommands<String, String> redis = redis();
		redis.flushdb();
		// The wake-up stream marks sequence numbers as restored; the hub's SequenceRestorer creates it.
		redis.xadd("events:wakeup", "restored", "test");
		this.events.loadInto(redis, this.events.render(new EventSettings(65536, 1_000_000, Duration.ofMillis(300)),
				new RetentionSettings(5000, Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(24)),
				OpsStreamSettings.defaults(), List.of()));
	}

	/** A context with an {@code EventPublisher} and a {@code QueueEngine} on the test database and libraries. */
	public ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
					EventLogAutoConfiguration.class, QueueAutoConfiguration.class))
			.withBean(EventFunctionLibrary.class, () -> this.events)
			.withBean(QueueFunctionLibrary.class, () -> this.queue)
			.withPropertyValues(TestRedis.springPropertyPairs());
	}

	/** A job's events as stored: type, payload and server timestamp, in sequence order. */
	public List<StoredEvent> events(String jobId) {
		List<StreamMessage<String, String>> entries = redis().xrange("jobs:{" + jobId + "}:events", Range.create("-", "+"));
		return entries.stream()
			.map((entry) -> new StoredEvent(Long.parseLong(entry.getId().substring(0, entry.getId().indexOf('-'))),
					entry.getBody().get("type"), this.json.readTree(entry.getBody().get("payload")),
					Instant.parse(entry.getBody().get("ts"))))
			.toList();
	}

	public RedisCommands<String, String> redis() {
		return this.connection.sync();
	}

	@Override
	public void close() {
		try {
			for (String library : List.of(this.events.name(), this.queue.name())) {
				try {
					redis().dispatch(CommandType.FUNCTION, new StatusOutput<>(StringCodec.UTF8),
							new CommandArgs<>(StringCodec.UTF8).add("DELETE").add(library));
				}
				catch (RedisCommandExecutionException ex) {
					// not loaded
				}
			}
		}
		finally {
			this.connection.close();
			this.client.shutdown();
		}
	}

	/**
	 * One stored event.
	 * @param seq its sequence number
	 * @param type its type
	 * @param payload its payload
	 * @param ts when the event log accepted it
	 */
	public record StoredEvent(long seq, String type, JsonNode payload, Instant ts) {

		/** A text field of the payload, {@code null} if absent. */
		public String text(String field) {
			JsonNode value = this.payload.get(field);
			return (value == null || value.isNull()) ? null : value.asString();
		}

	}

}
