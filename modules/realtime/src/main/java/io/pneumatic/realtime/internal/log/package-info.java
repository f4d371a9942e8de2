/**
 * The event log on Redis Streams: publishing through a Redis function library, reading back with
 * the archive, and restoring sequence numbers after Redis lost its data.
 *
 * <h2>Concurrency model</h2>
 * <p>Sequence numbers come from the Redis function {@code pneumatic_publish} (source
 * {@code event-library.lua}, rendered from configuration by {@link io.pneumatic.realtime.internal.log.EventFunctionLibrary}).
 * Redis runs a function atomically, so publishers in any process and any language share one
 * counter per job ({@code jobs:{id}:meta seq}) and the stream entry id is the sequence number
 * ({@code <seq>-0}). Java code shares one multiplexed Lettuce connection
 * ({@link io.pneumatic.realtime.internal.log.EventLogConnections}); {@code RedisEventPublisher} and
 * {@code RedisEventLog} are stateless and thread-safe. {@code EventLogWatchdog} runs on one virtual
 * thread.
 *
 * <h2>Lifecycle</h2>
 * <p>Only the hub (a servlet web application) loads the library. At start, and whenever the
 * watchdog's check (every second: {@code FUNCTION LIST LIBRARYNAME pneumatic} and {@code EXISTS
 * events:wakeup}) finds it gone, {@code SequenceRestorer} raises every known job's sequence number to
 * the archive's last one plus {@code pneumatic.events.seq-gap-after-redis-loss} (unless Redis still
 * holds a higher one), marks finished jobs done, re-creates the wake-up stream with its consumer
 * groups, and loads the library last. Until then publishers get {@code ERR Function not found} or
 * {@code NOT_READY}; the Java publisher retries for {@code pneumatic.events.publish-retry}. Other
 * applications (worker-sim) only publish.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A job's sequence numbers are 1, 2, 3… without gaps while Redis keeps its data, and never
 * reused: after a loss they continue past the gap, which replay reports as {@code replay_truncated}.
 * This holds for jobs the archive knows; the archive's floors must include open jobs without events.
 * <li>A refused event writes nothing; after {@code done} every event is refused while the tombstone lives.
 * <li>Every job stream carries every configured consumer group from its first entry, and its job is in
 * {@code events:jobs} with a wake-up entry, all in the same atomic call.
 * <li>{@code events:wakeup} exists only once sequence numbers are restored: the publish function refuses
 * with {@code NOT_READY} without it (this also covers {@code FLUSHALL}, which keeps functions).
 * </ul>
 */
@NullMarked
package io.pneumatic.realtime.internal.log;

import org.jspecify.annotations.NullMarked;
