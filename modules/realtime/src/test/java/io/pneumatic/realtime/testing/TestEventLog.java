package io.pneumatic.realtime.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import io.pneumatic.realtime.internal.log.ConsumerGroups;
import io.pneumatic.realtime.internal.log.EventFunctionLibrary;
import io.pneumatic.realtime.internal.log.EventKeys;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.log.EventSettings;
import io.pneumatic.realtime.internal.log.OpsKeys;
import io.pneumatic.realtime.internal.log.OpsStreamSettings;
import io.pneumatic.realtime.internal.log.RetentionSettings;

/**
 * An event log of its own on the {@link TestRedis}: an event library under a unique name, job ids
 * and ops clusters that are unique per test, and clean-up of exactly those keys, that library and those groups.
 *
 * <p>Tests never flush Redis: others' tests may run against the same server.
 */
public final class TestEventLog implements AutoCloseable {

	private final RedisClient client = TestRedis.newClient();

	private final EventLogConnections connections = new EventLogConnections(this.client);

	private final EventFunctionLibrary library = new EventFunctionLibrary(
			"pneumatic_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));

	private final Set<String> jobIds = ConcurrentHashMap.newKeySet();

	private final Set<String> groups = ConcurrentHashMap.newKeySet();

	private final Set<String> clusters = ConcurrentHashMap.newKeySet();

	/** Default event settings with a short publish retry. */
	public static EventSettings eventSettings() {
		return new EventSettings(65536, 1_000_000, Duration.ofMillis(300));
	}

	/** The default retention. */
	public static RetentionSettings retention() {
		return new RetentionSettings(5000, Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(24));
	}

	/** Loads this log's library, with the wake-up stream and its groups, as the hub does once restored. */
	public TestEventLog load(EventSettings events, RetentionSettings retention, List<String> consumerGroups) {
		return load(events, retention, OpsStreamSettings.defaults(), consumerGroups);
	}

	/** The same with ops stream settings of the test's own. */
	public TestEventLog load(EventSettings events, RetentionSettings retention, OpsStreamSettings ops,
			List<String> consumerGroups) {
		this.groups.addAll(consumerGroups);
		RedisCommands<String, String> redis = redis();
		for (String group : consumerGroups) {
			ConsumerGroups.createIfAbsent(redis, StreamOffset.latest(EventKeys.WAKEUP), group, true);
		}
		if (redis.exists(EventKeys.WAKEUP) == 0) {
			redis.xadd(EventKeys.WAKEUP, "restored", "test");
		}
		this.library.loadInto(redis, this.library.render(events, retention, ops, consumerGroups));
		return this;
	}

	/** A job id unique to this test run; its keys go when this log closes. */
	public String newJobId() {
		String jobId = "t-" + UUID.randomUUID().toString().substring(0, 13);
		this.jobIds.add(jobId);
		return jobId;
	}

	/** A cluster name unique to this test run; its ops keys go when this log closes. */
	public String newCluster() {
		String cluster = "c-" + UUID.randomUUID().toString().substring(0, 13);
		this.clusters.add(cluster);
		return cluster;
	}

	/** Publishes an ops event with plain Redis, as a worker in any language would: {@code [seq, ts]}. */
	public List<Object> publishOps(String cluster, String namespace, String type, String payloadJson) {
		return redis().fcall(this.library.publishOpsFunction(), ScriptOutputType.MULTI,
				new String[] { OpsKeys.stream(cluster, namespace), OpsKeys.gpus(cluster), OpsKeys.STREAMS, OpsKeys.WAKEUP },
				type, payloadJson);
	}

	/** Removes a cluster's ops keys. */
	private void deleteClusterKeys(String cluster) {
		for (String member : redis().zrange(OpsKeys.STREAMS, 0, -1)) {
			if (member.startsWith(cluster + ".")) {
				redis().del(OpsKeys.streamOfMember(member));
				redis().zrem(OpsKeys.STREAMS, member);
			}
		}
		redis().del(OpsKeys.gpus(cluster));
	}

	/** Remembers consumer groups to remove from the wake-up stream on close. */
	public void trackGroup(String group) {
		this.groups.add(group);
	}

	/** Publishes with plain Redis, as a worker in any language would: {@code [seq, ts]}. */
	public List<Object> publish(String jobId, String type, String payloadJson) {
		return redis().fcall(this.library.publishFunction(), ScriptOutputType.MULTI,
				new String[] { EventKeys.stream(jobId), EventKeys.meta(jobId), EventKeys.JOBS, EventKeys.WAKEUP }, type,
				payloadJson);
	}

	/** Removes a job's keys, as if Redis lost them. */
	public void deleteJobKeys(String jobId) {
		redis().del(EventKeys.stream(jobId), EventKeys.meta(jobId));
		redis().zrem(EventKeys.JOBS, jobId);
	}

	/** Removes this log's library, as if Redis restarted without persistence. */
	public void unload() {
		try {
			redis().dispatch(CommandType.FUNCTION, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("DELETE").add(this.library.name()));
		}
		catch (RedisCommandExecutionException ex) {
			// not loaded
		}
	}

	public RedisCommands<String, String> redis() {
		return this.connections.commands();
	}

	public EventLogConnections connections() {
		return this.connections;
	}

	public EventFunctionLibrary library() {
		return this.library;
	}

	@Override
	public void close() {
		try {
			this.jobIds.forEach(this::deleteJobKeys);
			this.clusters.forEach(this::deleteClusterKeys);
			unload();
			for (String group : this.groups) {
				redis().xgroupDestroy(EventKeys.WAKEUP, group);
			}
		}
		finally {
			this.connections.close();
			this.client.shutdown();
		}
	}

}
