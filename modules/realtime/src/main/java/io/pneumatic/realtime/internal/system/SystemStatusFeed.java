package io.pneumatic.realtime.internal.system;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

import io.pneumatic.realtime.ProducerLease;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.log.OpsKeys;
import io.pneumatic.realtime.internal.system.GpuStats.GpuReading;

/**
 * Sends a {@code system_status} message to {@code /topic/system} every interval: the hub's health by
 * component and by instance, and the GPU stats of the ops clusters. See the package documentation.
 */
final class SystemStatusFeed implements SmartLifecycle {

	static final String TYPE = "system_status";

	/** Hash of every instance's latest health: field instance id, value an {@link InstanceStatus} as JSON. */
	static final String INSTANCES = "system:instances";

	/** The lease of the producing instance. */
	static final String PRODUCER_LEASE = "system:status:producer";

	private static final Logger logger = LoggerFactory.getLogger(SystemStatusFeed.class);

	private final EventLogConnections connections;

	private final ProducerLease lease;

	private final InstanceHealth health;

	private final SystemMessages messages;

	private final JsonMapper json;

	private final SystemStatusSettings settings;

	private final String instanceId;

	private final Clock clock;

	private @Nullable ScheduledExecutorService ticker;

	SystemStatusFeed(EventLogConnections connections, ProducerLease lease, InstanceHealth health,
			SystemMessages messages, JsonMapper json, SystemStatusSettings settings, String instanceId,
			Clock clock) {
		this.connections = connections;
		this.lease = lease;
		this.health = health;
		this.messages = messages;
		this.json = json;
		this.settings = settings;
		this.instanceId = instanceId;
		this.clock = clock;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("system-status").factory());
		long every = this.settings.interval().toMillis();
		scheduler.scheduleAtFixedRate(() -> {
			try {
				tick();
			}
			catch (RuntimeException ex) {
				// The next tick tries again: a feed that stops for good is worse than a missed tick.
				logger.warn("system_status.tick_failed cause=\"{}\"", ex.toString());
			}
		}, every, every, TimeUnit.MILLISECONDS);
		this.ticker = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.ticker;
		this.ticker = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

	/** Reports this instance's health; on the producer, also reads everything and sends the status. */
	void tick() {
		Instant now = this.clock.instant();
		Map<String, String> components = this.health.components();
		InstanceStatus self = new InstanceStatus(this.instanceId, InstanceHealth.worst(components.values()), components, now);
		RedisCommands<String, String> redis = this.connections.commands();
		redis.hset(INSTANCES, this.instanceId, this.json.writeValueAsString(self));
		if (!this.lease.holds()) {
			return;
		}
		List<InstanceStatus> instances = liveInstances(redis, now);
		Map<String, String> worstByComponent = new TreeMap<>();
		for (InstanceStatus instance : instances) {
			instance.components().forEach((name, status) -> worstByComponent.merge(name, status,
					(a, b) -> InstanceHealth.worst(List.of(a, b))));
		}
		SystemStatus status = new SystemStatus(InstanceHealth.worst(instances.stream().map(InstanceStatus::status).toList()),
				worstByComponent, instances, GpuStats.of(gpuReadings(redis, now)), this.instanceId);
		this.messages.broadcast(TYPE, this.json.valueToTree(status));
	}

	/** Every instance that reported within three intervals; older reports are removed. */
	private List<InstanceStatus> liveInstances(RedisCommands<String, String> redis, Instant now) {
		Instant cutoff = now.minus(this.settings.interval().multipliedBy(3));
		List<InstanceStatus> live = new ArrayList<>();
		List<String> gone = new ArrayList<>();
		redis.hgetall(INSTANCES).forEach((id, value) -> {
			InstanceStatus instance = read(value, InstanceStatus.class);
			if (instance == null || instance.seen().isBefore(cutoff)) {
				gone.add(id);
			}
			else {
				live.add(instance);
			}
		});
		if (!gone.isEmpty()) {
			redis.hdel(INSTANCES, gone.toArray(String[]::new));
		}
		live.sort(Comparator.comparing(InstanceStatus::id));
		return live;
	}

	/** The latest reading of every GPU updated within {@code gpu-stale-after}, of clusters with recent ops events. */
	private List<GpuReading> gpuReadings(RedisCommands<String, String> redis, Instant now) {
		Instant cutoff = now.minus(this.settings.gpuStaleAfter());
		Set<String> clusters = new HashSet<>();
		for (String member : redis.zrangebyscore(OpsKeys.STREAMS,
				Range.from(Boundary.excluding(cutoff.toEpochMilli()), Boundary.unbounded()))) {
			int dot = member.indexOf('.');
			if (dot > 0 && OpsKeys.isValidName(member.substring(0, dot))) {
				clusters.add(member.substring(0, dot));
			}
		}
		List<GpuReading> readings = new ArrayList<>();
		for (String cluster : clusters) {
			for (String value : redis.hvals(OpsKeys.gpus(cluster))) {
				StoredGpu gpu = read(value, StoredGpu.class);
				if (gpu != null && !gpu.ts().isBefore(cutoff)) {
					readings.add(new GpuReading(cluster, gpu.payload()));
				}
			}
		}
		return readings;
	}

	private <T> @Nullable T read(String value, Class<T> type) {
		try {
			return this.json.readValue(value, type);
		}
		catch (JacksonException ex) {
			logger.debug("system_status.unreadable type={} cause=\"{}\"", type.getSimpleName(), ex.getOriginalMessage());
			return null;
		}
	}

	/**
	 * One instance's health as it reported it.
	 * @param id its {@code pneumatic.instance-id}
	 * @param status the worst of its components' statuses
	 * @param components each health contributor's status, by name
	 * @param seen when it reported
	 */
	record InstanceStatus(String id, String status, Map<String, String> components, Instant seen) {
	}

	/**
	 * The payload of {@code system_status}.
	 * @param status the worst status of any instance
	 * @param components the worst status of each component over the instances
	 * @param instances every live instance, by id
	 * @param gpus the GPU stats
	 * @param producer the id of the instance that produced this message
	 */
	record SystemStatus(String status, Map<String, String> components, List<InstanceStatus> instances, GpuStats gpus,
			String producer) {
	}

	/**
	 * A value of {@code ops:{<cluster>}:gpu}, as the ops publish function writes it.
	 * @param namespace the namespace of the {@code gpu_update}
	 * @param ts when the event log accepted it
	 * @param payload the {@code gpu_update} payload
	 */
	record StoredGpu(String namespace, Instant ts, JsonNode payload) {
	}

}
