package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;
import io.pneumatic.realtime.internal.log.ConsumerGroups;
import io.pneumatic.realtime.internal.log.EventEntryMapper;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.log.ExponentialBackoff;

/**
 * Reads every stream of one kind (job streams or ops streams, see {@link StreamKeys}) for one
 * {@link EventStreamConsumer} as one consumer of its group, on one virtual thread with one dedicated
 * connection. See the package documentation.
 */
final class ConsumerGroupReader {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerGroupReader.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	private final EventStreamConsumer consumer;

	private final Consumer<String> self;

	private final EventLogConnections connections;

	private final EventEntryMapper entryMapper;

	private final ConsumerSettings settings;

	private final StreamKeys keys;

	private final Clock clock;

	private final ExponentialBackoff backoff;

	private final Timer readDelay;

	private volatile boolean running;

	private @Nullable Thread thread;

	// The fields below belong to the reader thread.

	private @Nullable StatefulRedisConnection<String, String> connection;

	private boolean ownPendingFirst = true;

	private boolean wakeupReady;

	private long nextReadAtMillis;

	private long claimAtMillis;

	private int failures;

	/** Batches handed to the consumer and not acknowledged yet, oldest first. */
	private final Deque<HandedBatch> inFlight = new ArrayDeque<>();

	/**
	 * @param consumerName this instance's name in the group ({@code pneumatic.instance-id})
	 * @param keys the streams to read, owned by this reader from now on
	 * @param registry where the reader records how long after the event log accepted them it reads events
	 */
	ConsumerGroupReader(EventStreamConsumer consumer, String consumerName, EventLogConnections connections,
			EventEntryMapper entryMapper, ConsumerSettings settings, StreamKeys keys, Clock clock, MeterRegistry registry) {
		this.consumer = consumer;
		this.self = Consumer.from(consumer.group(), consumerName);
		this.connections = connections;
		this.entryMapper = entryMapper;
		this.settings = settings;
		this.keys = keys;
		this.clock = clock;
		this.backoff = new ExponentialBackoff(FIRST_BACKOFF, settings.maxBackoff());
		this.claimAtMillis = clock.millis() + settings.claimInterval().toMillis();
		this.readDelay = Timer.builder("pneumatic.events.read.delay")
			.description("from the event log accepting an event to its consumer group reading it")
			.tag("group", consumer.group())
			.tag("streams", keys.kind())
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry);
	}

	/** Starts reading on a new virtual thread. */
	void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("events-" + this.self.getGroup() + this.keys.readerSuffix() + "-reader").start(this::run);
	}

	/** Asks the reader to stop after the current read or batch. */
	void requestStop() {
		this.running = false;
	}

	/** Waits for the reader to stop, interrupting it after {@code timeout}. */
	void awaitStop(Duration timeout) throws InterruptedException {
		Thread reading = this.thread;
		if (reading != null && !reading.join(timeout)) {
			reading.interrupt();
			reading.join(Duration.ofSeconds(1));
		}
	}

	private void run() {
		logger.info("event reader started group={} consumer={} wakeup={}", this.self.getGroup(), this.self.getName(),
				this.keys.wakeup());
		try {
			while (this.running) {
				try {
					if (readRound()) {
						recovered();
					}
					else {
						pause(this.backoff.next());
					}
				}
				catch (RuntimeException ex) {
					if (!this.running) {
						break;
					}
					redisFailed(ex);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			settleBeforeStop();
			closeConnection();
			logger.info("event reader stopped group={} consumer={} wakeup={}", this.self.getGroup(), this.self.getName(),
					this.keys.wakeup());
		}
	}

	/**
	 * One round: refresh keys, claim abandoned entries when due, acknowledge what was consumed meanwhile
	 * (everything in flight first, after a failure), read and deliver; false if the consumer failed.
	 */
	private boolean readRound() throws InterruptedException {
		StatefulRedisConnection<String, String> redisConnection = connection();
		RedisCommands<String, String> redis = redisConnection.sync();
		if (this.keys.refreshIfDue(redis) && !this.wakeupReady) {
			this.wakeupReady = ConsumerGroups.createIfAbsent(redis, StreamOffset.latest(this.keys.wakeup()),
					this.self.getGroup(), false) != ConsumerGroups.Outcome.NO_STREAM;
		}
		if (this.clock.millis() >= this.claimAtMillis) {
			List<StreamMessage<String, String>> claimed = claimAbandoned(redisConnection.async());
			this.claimAtMillis = this.clock.millis() + this.settings.claimInterval().toMillis();
			if (!deliver(claimed, redisConnection.async())) {
				return false;
			}
		}
		// Re-reading its own pending entries, the reader must not take batches still in flight for lost ones.
		if (!settle(redisConnection.async(), this.ownPendingFirst)) {
			return false;
		}
		paceReads();
		List<StreamMessage<String, String>> entries = read(redis);
		if (entries == null) {
			pause(this.settings.keyRefresh());
			return true;
		}
		scheduleNextRead(entries);
		return deliver(entries, redisConnection.async());
	}

	/** A consumer with a read interval reads again after it, or at once if a stream filled a batch. */
	private void scheduleNextRead(List<StreamMessage<String, String>> entries) {
		long interval = this.consumer.readInterval().toMillis();
		this.nextReadAtMillis = (interval <= 0 || anyStreamFull(entries)) ? 0 : this.clock.millis() + interval;
	}

	/** Waits for the consumer's read interval, unless the last read left a stream with more to read. */
	private void paceReads() throws InterruptedException {
		long wait = this.nextReadAtMillis - this.clock.millis();
		if (wait > 0) {
			pause(Duration.ofMillis(wait));
		}
	}

	private boolean anyStreamFull(List<StreamMessage<String, String>> entries) {
		Map<String, Integer> perStream = new HashMap<>();
		for (StreamMessage<String, String> entry : entries) {
			if (perStream.merge(entry.getStream(), 1, Integer::sum) >= this.settings.batchSize()) {
				return true;
			}
		}
		return false;
	}

	/** Own pending entries first (after a failure), else new ones with a blocking read; null if there is nothing to read. */
	private @Nullable List<StreamMessage<String, String>> read(RedisCommands<String, String> redis) {
		List<String> jobStreams = this.keys.current();
		if (this.ownPendingFirst) {
			if (!jobStreams.isEmpty()) {
				List<StreamMessage<String, String>> pending = redis.xreadgroup(this.self,
						new XReadArgs().count(this.settings.batchSize()), offsets(jobStreams, "0"));
				if (!pending.isEmpty()) {
					return pending;
				}
			}
			this.ownPendingFirst = false;
		}
		List<String> streams = new ArrayList<>(jobStreams.size() + 1);
		if (this.wakeupReady) {
			streams.add(this.keys.wakeup());
		}
		streams.addAll(jobStreams);
		if (streams.isEmpty()) {
			return null;
		}
		return redis.xreadgroup(this.self, new XReadArgs().block(this.settings.block()).count(this.settings.batchSize()),
				offsets(streams, ">"));
	}

	/**
	 * Claims entries of any consumer of the group pending longer than claim-idle: a dead instance's,
	 * or our own lost ones.
	 */
	private List<StreamMessage<String, String>> claimAbandoned(RedisAsyncCommands<String, String> async)
			throws InterruptedException {
		List<String> streams = new ArrayList<>(this.keys.current());
		if (this.wakeupReady) {
			streams.add(this.keys.wakeup());
		}
		List<RedisFuture<ClaimedMessages<String, String>>> claims = new ArrayList<>();
		for (String stream : streams) {
			claims.add(async.xautoclaim(stream, new XAutoClaimArgs<String>().consumer(this.self)
				.minIdleTime(this.settings.claimIdle())
				.startId("0-0")
				.count(this.settings.batchSize())));
		}
		List<StreamMessage<String, String>> claimed = new ArrayList<>();
		for (RedisFuture<ClaimedMessages<String, String>> claim : claims) {
			try {
				claimed.addAll(claim.get(timeoutMillis(), TimeUnit.MILLISECONDS).getMessages());
			}
			catch (ExecutionException ex) {
				// NOGROUP on a stream that expired since the last refresh: the next read repairs the key list.
				logger.debug("claim skipped group={} cause=\"{}\"", this.self.getGroup(), ex.getCause());
			}
			catch (TimeoutException ex) {
				throw new RedisCommandTimeoutException("XAUTOCLAIM timed out");
			}
		}
		if (!claimed.isEmpty()) {
			logger.info("claimed abandoned events group={} consumer={} events={}", this.self.getGroup(),
					this.self.getName(), claimed.size());
		}
		return claimed;
	}

	/**
	 * Hands job events to the consumer in batches, with at most its {@code batchesInFlight} unfinished,
	 * and acknowledges each batch once consumed; acknowledges wake-up entries and entries that are not
	 * events at once. False if the consumer failed.
	 */
	private boolean deliver(List<StreamMessage<String, String>> entries, RedisAsyncCommands<String, String> async)
			throws InterruptedException {
		if (entries.isEmpty()) {
			return true;
		}
		Map<String, List<String>> settled = new LinkedHashMap<>();
		List<StreamMessage<String, String>> eventEntries = new ArrayList<>();
		List<EventEnvelope> events = new ArrayList<>();
		Instant readAt = this.clock.instant();
		for (StreamMessage<String, String> entry : entries) {
			if (this.keys.wakeup().equals(entry.getStream())) {
				wokenBy(entry);
				settled.computeIfAbsent(entry.getStream(), (key) -> new ArrayList<>()).add(entry.getId());
				continue;
			}
			EventEnvelope event = this.entryMapper.toEnvelope(entry);
			if (event == null) {
				settled.computeIfAbsent(entry.getStream(), (key) -> new ArrayList<>()).add(entry.getId());
			}
			else {
				eventEntries.add(entry);
				events.add(event);
				Duration delay = Duration.between(event.ts(), readAt);
				// Another host's clock may run a little ahead.
				this.readDelay.record(delay.isNegative() ? Duration.ZERO : delay);
			}
		}
		acknowledge(async, settled);
		for (int from = 0; from < events.size(); from += this.settings.batchSize()) {
			int to = Math.min(from + this.settings.batchSize(), events.size());
			while (this.inFlight.size() >= Math.max(1, this.consumer.batchesInFlight())) {
				if (!settleOldest(async)) {
					return false;
				}
			}
			this.inFlight.add(new HandedBatch(byStream(eventEntries.subList(from, to)), handOver(events.subList(from, to))));
		}
		return settle(async, false);
	}

	private CompletableFuture<Void> handOver(List<EventEnvelope> batch) {
		try {
			return this.consumer.consumeAsync(List.copyOf(batch)).toCompletableFuture();
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Acknowledges finished batches, oldest first; with {@code wait}, waits for every batch in flight.
	 * False if one failed.
	 */
	private boolean settle(RedisAsyncCommands<String, String> async, boolean wait) throws InterruptedException {
		while (!this.inFlight.isEmpty() && (wait || this.inFlight.peek().consumed().isDone())) {
			if (!settleOldest(async)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Waits for the oldest batch in flight and acknowledges it. If it failed, its events stay pending
	 * and come again; the batches after it are waited for and acknowledged where they succeeded, and
	 * the reader reads its own pending entries first. False if the batch failed.
	 */
	private boolean settleOldest(RedisAsyncCommands<String, String> async) throws InterruptedException {
		HandedBatch oldest = this.inFlight.remove();
		Throwable failure = failureOf(oldest);
		if (failure == null) {
			acknowledge(async, oldest.ids());
			return true;
		}
		if (this.failures++ == 0) {
			logger.warn("event consumer failed; its events stay pending and come again group={} consumer={} "
					+ "events={} cause=\"{}\"", this.self.getGroup(), this.self.getName(), oldest.size(),
					NestedExceptionUtils.getMostSpecificCause(failure).toString());
		}
		while (!this.inFlight.isEmpty()) {
			HandedBatch later = this.inFlight.remove();
			if (failureOf(later) == null) {
				acknowledge(async, later.ids());
			}
		}
		this.ownPendingFirst = true;
		return false;
	}

	/** Waits for a batch to be consumed, at most claim-idle (after that another consumer may take its entries). */
	private @Nullable Throwable failureOf(HandedBatch batch) throws InterruptedException {
		try {
			batch.consumed().get(this.settings.claimIdle().toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (TimeoutException ex) {
			return new TimeoutException("batch not consumed within " + this.settings.claimIdle());
		}
	}

	private void wokenBy(StreamMessage<String, String> wakeup) {
		Map<String, String> body = wakeup.getBody();
		this.keys.wokenBy((body != null) ? body : Map.of());
	}

	private void acknowledge(RedisAsyncCommands<String, String> async, Map<String, List<String>> idsByStream) {
		if (idsByStream.isEmpty()) {
			return;
		}
		List<RedisFuture<Long>> acks = new ArrayList<>(idsByStream.size());
		idsByStream.forEach((stream, ids) -> acks.add(async.xack(stream, this.self.getGroup(), ids.toArray(String[]::new))));
		LettuceFutures.awaitAll(Duration.ofMillis(timeoutMillis()), acks.toArray(RedisFuture[]::new));
	}

	/** Acknowledges what was consumed before the reader stops, so that none of it comes again. */
	private void settleBeforeStop() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null || this.inFlight.isEmpty()) {
			return;
		}
		try {
			settle(current.async(), true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.debug("could not acknowledge the last batches group={} cause=\"{}\"", this.self.getGroup(), ex.toString());
		}
	}

	private static Map<String, List<String>> byStream(List<StreamMessage<String, String>> entries) {
		Map<String, List<String>> idsByStream = new LinkedHashMap<>();
		for (StreamMessage<String, String> entry : entries) {
			idsByStream.computeIfAbsent(entry.getStream(), (key) -> new ArrayList<>()).add(entry.getId());
		}
		return idsByStream;
	}

	private void redisFailed(RuntimeException ex) throws InterruptedException {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = String.valueOf(cause.getMessage());
		// NOGROUP: a stream lacks the group. UNBLOCKED: a stream was deleted during the blocking read.
		boolean streamsChanged = message.startsWith("NOGROUP") || message.startsWith("UNBLOCKED");
		if (this.failures++ == 0) {
			if (streamsChanged) {
				logger.info("streams changed under the reader; re-creating groups group={} consumer={} cause=\"{}\"",
						this.self.getGroup(), this.self.getName(), message);
			}
			else {
				logger.warn("event reader failing; retrying with back-off group={} consumer={} cause=\"{}\"",
						this.self.getGroup(), this.self.getName(), cause.toString());
			}
		}
		else {
			logger.debug("event reader still failing group={} cause=\"{}\"", this.self.getGroup(), cause.toString());
		}
		if (streamsChanged) {
			repairGroups();
		}
		pause(this.backoff.next());
	}

	/**
	 * After NOGROUP or UNBLOCKED (a stream expired or was deleted, or Redis lost everything): re-reads the key list,
	 * re-creates the group where a stream exists without it, and leaves out streams that are gone.
	 */
	private void repairGroups() {
		try {
			RedisCommands<String, String> redis = connection().sync();
			this.keys.requestRefresh();
			this.keys.refreshIfDue(redis);
			this.wakeupReady = ConsumerGroups.createIfAbsent(redis, StreamOffset.latest(this.keys.wakeup()),
					this.self.getGroup(), false) != ConsumerGroups.Outcome.NO_STREAM;
			for (String stream : this.keys.current()) {
				if (ConsumerGroups.createIfAbsent(redis, StreamOffset.from(stream, "0"), this.self.getGroup(),
						false) == ConsumerGroups.Outcome.NO_STREAM) {
					this.keys.markMissing(stream);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("re-creating groups failed group={} cause=\"{}\"", this.self.getGroup(), ex.toString());
		}
	}

	private void recovered() {
		if (this.failures > 0) {
			logger.info("event reader recovered group={} consumer={} failures={}", this.self.getGroup(),
					this.self.getName(), this.failures);
			this.failures = 0;
		}
		this.backoff.reset();
	}

	private StatefulRedisConnection<String, String> connection() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			current = this.connections.openDedicated("pneumatic-" + this.self.getGroup() + this.keys.readerSuffix() + "-reader", this.settings.block());
			this.connection = current;
		}
		return current;
	}

	/**
	 * Leaves the wake-up group (its entries are acknowledged at once, so nothing is lost) so that
	 * generated instance ids do not pile up there; on job streams the consumer stays, so that its
	 * pending entries can be claimed.
	 */
	private void closeConnection() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			return;
		}
		this.connection = null;
		try {
			if (this.wakeupReady && current.isOpen()) {
				current.sync().xgroupDelconsumer(this.keys.wakeup(), this.self);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("could not leave the wake-up group group={} cause=\"{}\"", this.self.getGroup(), ex.toString());
		}
		finally {
			current.close();
		}
	}

	private long timeoutMillis() {
		StatefulRedisConnection<String, String> current = this.connection;
		return (current != null) ? current.getTimeout().toMillis() : this.settings.block().toMillis();
	}

	private static void pause(Duration wait) throws InterruptedException {
		Thread.sleep(wait);
	}

	/**
	 * A batch handed to the consumer.
	 * @param ids its entry ids by stream, to acknowledge once consumed
	 * @param consumed completes when the consumer is done with it
	 */
	private record HandedBatch(Map<String, List<String>> ids, CompletableFuture<Void> consumed) {

		int size() {
			return this.ids.values().stream().mapToInt(List::size).sum();
		}

	}

	@SuppressWarnings("unchecked")
	private static StreamOffset<String>[] offsets(List<String> streams, String offset) {
		return streams.stream().map((stream) -> StreamOffset.from(stream, offset)).toArray(StreamOffset[]::new);
	}

}
