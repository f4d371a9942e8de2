package io.pneumatic.realtime.internal.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pneumatic.realtime.EventArchive;
import io.pneumatic.realtime.EventArchive.SequenceFloor;

/**
 * Makes sequence numbers safe after Redis lost its data, then loads the event library.
 *
 * <p>For every job the archive knows (open, or finished within the tombstone TTL) it raises the meta
 * {@code seq} to the archive's last one plus {@code pneumatic.events.seq-gap-after-redis-loss}, unless
 * Redis still holds a number at least as high as the archive's (then Redis kept its data and nothing
 * changes, so restoring is safe at any time), and marks finished jobs done. It then re-creates the
 * wake-up stream with the consumer groups, which tells the publish function that sequence numbers are
 * safe, and loads the library last. Not thread-safe: {@link EventLogWatchdog} runs it.
 */
final class SequenceRestorer {

	private static final Logger logger = LoggerFactory.getLogger(SequenceRestorer.class);

	private static final String FLOOR_SCRIPT = readScript();

	private static final int WAKEUP_MAX_ENTRIES = 1000;

	private final EventLogConnections connections;

	private final EventArchive archive;

	private final EventFunctionLibrary library;

	private final EventSettings events;

	private final RetentionSettings retention;

	private final OpsStreamSettings ops;

	private final Clock clock;

	SequenceRestorer(EventLogConnections connections, EventArchive archive, EventFunctionLibrary library,
			EventSettings events, RetentionSettings retention, OpsStreamSettings ops, Clock clock) {
		this.connections = connections;
		this.archive = archive;
		this.library = library;
		this.events = events;
		this.retention = retention;
		this.ops = ops;
		this.clock = clock;
	}

	/**
	 * Restores sequence floors, re-creates the wake-up stream and its groups, then loads the library.
	 * @param groups the consumer groups to create on every new job stream and on the wake-up stream
	 * @throws RuntimeException if Redis or the archive fails; nothing is loaded then, so run it again
	 */
	void restore(Collection<String> groups) {
		String source = this.library.render(this.events, this.retention, this.ops, groups);
		Instant started = this.clock.instant();
		List<SequenceFloor> floors = this.archive.sequenceFloors(started.minus(this.retention.tombstone()));
		RedisCommands<String, String> redis = this.connections.commands();
		String floorScript = redis.scriptLoad(FLOOR_SCRIPT);
		long raised = 0;
		for (SequenceFloor floor : floors) {
			if (!EventKeys.isValidJobId(floor.jobId())) {
				logger.warn("skipping sequence floor of invalid job id job=\"{}\"", floor.jobId());
				continue;
			}
			Long changed = redis.evalsha(floorScript, ScriptOutputType.INTEGER, new String[] { EventKeys.meta(floor.jobId()) },
					Long.toString(floor.lastSeq()), Long.toString(floor.lastSeq() + this.events.seqGapAfterRedisLoss()),
					floor.finished() ? "1" : "0", Long.toString(this.retention.tombstone().toSeconds()));
			raised += changed;
		}
		for (String group : groups) {
			ConsumerGroups.createIfAbsent(redis, StreamOffset.latest(EventKeys.WAKEUP), group, true);
		}
		redis.xadd(EventKeys.WAKEUP, new XAddArgs().maxlen(WAKEUP_MAX_ENTRIES).approximateTrimming(), "restored",
				started.toString());
		this.library.loadInto(redis, source);
		logger.info("event log ready library={} jobs={} raised={} groups={} took={}ms", this.library.name(),
				floors.size(), raised, groups, this.clock.millis() - started.toEpochMilli());
	}

	private static String readScript() {
		try (InputStream in = SequenceRestorer.class.getResourceAsStream("sequence-floor.lua")) {
			if (in == null) {
				throw new IllegalStateException("sequence-floor.lua is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
