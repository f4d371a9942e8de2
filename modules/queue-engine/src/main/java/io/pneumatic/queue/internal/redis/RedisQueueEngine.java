package io.pneumatic.queue.internal.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ClaimBatch;
import io.pneumatic.queue.DeadLetter;
import io.pneumatic.queue.DeadLetters;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.FailOutcome;
import io.pneumatic.queue.InFlightItem;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.ItemState;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.LaneKind;
import io.pneumatic.queue.LaneSnapshot;
import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.queue.QueueRequestRejectedException;
import io.pneumatic.queue.QueueRequestRejectedException.Reason;
import io.pneumatic.queue.QueueSnapshot;
import io.pneumatic.queue.QueuedItem;
import io.pneumatic.queue.internal.core.CompletionEstimator;
import io.pneumatic.queue.internal.core.Utf8Text;

/**
 * The {@link QueueEngine} on Redis: every operation is one call of a function of the queue library
 * ({@code queue-library.lua}), which Redis runs atomically.
 *
 * <p>The library is loaded on first use, and again when a call finds it missing (a Redis restart without
 * persistence, {@code FUNCTION FLUSH}) or of another version. Stateless apart from that flag; thread-safe.
 */
public final class RedisQueueEngine implements QueueEngine {

	/** The most items, leases or dead letters one call handles. */
	public static final int MAX_BATCH = 100;

	private static final Logger logger = LoggerFactory.getLogger(RedisQueueEngine.class);

	private static final String[] NO_KEYS = new String[0];

	private static final String FUNCTION_NOT_FOUND = "ERR Function not found";

	private static final int SNAPSHOT_PAGE = 250;

	private final QueueConnections connections;

	private final QueueFunctionLibrary library;

	private final QueueSettings settings;

	private final QueueFunctionLibrary.Source source;

	private final CompletionEstimator estimator;

	private final Timer claimLatency;

	private volatile boolean loaded;

	public RedisQueueEngine(QueueConnections connections, QueueFunctionLibrary library, QueueSettings settings,
			MeterRegistry meterRegistry) {
		this.connections = connections;
		this.library = library;
		this.settings = settings;
		this.source = library.render(settings);
		this.estimator = settings.completionEstimator();
		this.claimLatency = Timer.builder("queue.claim.latency")
			.description("Time of one claim call (claim, or complete-and-claim) as seen by this app instance")
			.register(meterRegistry);
	}

	/** The settings the library was rendered from. */
	public QueueSettings settings() {
		return this.settings;
	}

	@Override
	public Enqueued enqueue(EnqueueRequest request) {
		return enqueueAll(List.of(request)).getFirst();
	}

	@Override
	public List<Enqueued> enqueueAll(List<EnqueueRequest> requests) {
		if (requests.isEmpty()) {
			return List.of();
		}
		checkBatch(requests.size(), "items");
		List<String> args = new ArrayList<>(requests.size() * 8);
		for (int i = 0; i < requests.size(); i++) {
			EnqueueRequest request = requests.get(i);
			int paramsBytes = Utf8Text.byteLength(request.params());
			if (paramsBytes > this.settings.maxParamsBytes()) {
				throw new QueueRequestRejectedException(Reason.PARAMS_TOO_LARGE, ((requests.size() > 1) ? "Item " + (i + 1) + ": p" : "P")
						+ "arams have " + paramsBytes + " bytes, at most " + this.settings.maxParamsBytes()
						+ " allowed (pneumatic.queue.max-params-bytes)");
			}
			ItemDetails details = request.details();
			args.add((request.lane() != null) ? request.lane().name() : "");
			args.add(orEmpty(request.clientKey()));
			args.add(request.params());
			args.add(orEmpty(details.contentType()));
			args.add(orEmpty(details.author()));
			args.add(orEmpty(details.sender()));
			args.add(Utf8Text.truncate(orEmpty(details.preview()), this.settings.maxPreviewBytes()));
			args.add(orEmpty(details.jobId()));
		}
		List<Object> reply = call("enqueue", ScriptOutputType.MULTI, args.toArray(String[]::new));
		Instant now = QueueReplies.instant(reply.get(0));
		List<Enqueued> accepted = new ArrayList<>(requests.size());
		for (Object entry : (List<?>) reply.get(1)) {
			accepted.add(enqueued(now, (List<?>) entry));
		}
		return accepted;
	}

	private Enqueued enqueued(Instant now, List<?> fields) {
		Lane lane = Lane.of(QueueReplies.string(fields.get(1)));
		int position = (int) QueueReplies.number(fields.get(2));
		ItemState state = ItemState.valueOf(QueueReplies.string(fields.get(3)).toUpperCase(Locale.ROOT));
		Instant estimate = (position >= 0)
				? this.estimator.estimate(now, position, QueueReplies.optionalDecimal(fields.get(5))) : null;
		return new Enqueued(QueueReplies.string(fields.get(0)), lane, position, state, estimate,
				QueueReplies.number(fields.get(4)) == 1);
	}

	@Override
	public List<Claim> claim(String workerId, int max) {
		return claim(workerId, max, "");
	}

	@Override
	public List<Claim> claim(String workerId, int max, Duration leaseDuration) {
		return claim(workerId, max, Long.toString(leaseDuration.toMillis()));
	}

	private List<Claim> claim(String workerId, int max, String leaseMillis) {
		checkBatch(max, "claims");
		long started = System.nanoTime();
		List<Object> reply = call("claim", ScriptOutputType.MULTI, workerId, Integer.toString(max), leaseMillis);
		this.claimLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return QueueReplies.claims(reply.get(1));
	}

	@Override
	public ClaimBatch completeAndClaim(String workerId, List<Lease> completed, int max) {
		checkBatch(max, "claims");
		if (completed.size() > MAX_BATCH) {
			checkBatch(completed.size(), "completions");
		}
		String[] args = new String[3 + 2 * completed.size()];
		args[0] = workerId;
		args[1] = Integer.toString(max);
		args[2] = "";
		for (int i = 0; i < completed.size(); i++) {
			args[3 + 2 * i] = completed.get(i).itemId();
			args[4 + 2 * i] = completed.get(i).token();
		}
		long started = System.nanoTime();
		List<Object> reply = call("complete_and_claim", ScriptOutputType.MULTI, args);
		this.claimLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		List<?> statuses = (List<?>) reply.get(1);
		List<Lease> lost = new ArrayList<>();
		for (int i = 0; i < statuses.size(); i++) {
			if (!"completed".equals(statuses.get(i))) {
				lost.add(completed.get(i));
			}
		}
		return new ClaimBatch(lost, QueueReplies.claims(reply.get(2)));
	}

	@Override
	public Optional<Instant> heartbeat(Lease lease) {
		return heartbeat(lease, this.settings.lease());
	}

	@Override
	public Optional<Instant> heartbeat(Lease lease, Duration leaseDuration) {
		List<Object> reply = call("heartbeat", ScriptOutputType.MULTI, lease.itemId(), lease.token(),
				Long.toString(leaseDuration.toMillis()));
		if (!"extended".equals(reply.get(0))) {
			return Optional.empty();
		}
		return Optional.of(QueueReplies.instant(reply.get(1)));
	}

	@Override
	public boolean complete(Lease lease) {
		String status = call("complete", ScriptOutputType.VALUE, lease.itemId(), lease.token());
		return "completed".equals(status);
	}

	@Override
	public FailOutcome fail(Lease lease, String error) {
		List<Object> reply = call("fail", ScriptOutputType.MULTI, lease.itemId(), lease.token(), error);
		return switch (QueueReplies.string(reply.get(0))) {
			case "retry" -> FailOutcome.RETRY_SCHEDULED;
			case "dead_lettered" -> FailOutcome.DEAD_LETTERED;
			default -> FailOutcome.LEASE_LOST;
		};
	}

	@Override
	public DeadLetters deadLetters(int offset, int limit) {
		if (offset < 0) {
			throw new QueueRequestRejectedException(Reason.BAD_REQUEST, "The offset must be 0 or more, was " + offset);
		}
		checkBatch(limit, "dead letters");
		List<Object> reply = callList("dead_letters", Integer.toString(offset), Integer.toString(limit));
		List<DeadLetter> items = new ArrayList<>();
		for (Object entry : (List<?>) reply.get(1)) {
			List<?> f = (List<?>) entry;
			items.add(new DeadLetter(QueueReplies.string(f.get(0)), Lane.of(QueueReplies.string(f.get(1))),
					(int) QueueReplies.number(f.get(2)), QueueReplies.optional(f.get(3)), QueueReplies.instant(f.get(4)),
					QueueReplies.instant(f.get(5)), QueueReplies.orEmpty(f.get(6)),
					new ItemDetails(QueueReplies.optional(f.get(7)), QueueReplies.optional(f.get(8)),
							QueueReplies.optional(f.get(9)), QueueReplies.optional(f.get(10)), QueueReplies.optional(f.get(11)))));
		}
		return new DeadLetters(QueueReplies.number(reply.get(0)), items);
	}

	@Override
	public boolean redrive(String itemId) {
		return "redriven".equals(call("redrive", ScriptOutputType.VALUE, itemId));
	}

	@Override
	public boolean discard(String itemId) {
		return "discarded".equals(call("discard", ScriptOutputType.VALUE, itemId));
	}

	@Override
	public QueueSnapshot snapshot() {
		QueueStats stats = stats();
		Map<LaneKind, Duration> averages = new EnumMap<>(LaneKind.class);
		stats.averageMillis().forEach((kind, millis) -> averages.put(kind, Duration.ofNanos(Math.round(millis * 1e6))));
		List<LaneSnapshot> lanes = new ArrayList<>();
		String after = "";
		Instant takenAt = null;
		do {
			List<Object> page = callList("snapshot", after, Integer.toString(SNAPSHOT_PAGE),
					Integer.toString(this.settings.snapshotItemsPerLane()));
			Instant now = QueueReplies.instant(page.get(0));
			if (takenAt == null) {
				takenAt = now;
			}
			after = QueueReplies.orEmpty(page.get(1));
			for (Object entry : (List<?>) page.get(2)) {
				lanes.add(laneSnapshot(now, (List<?>) entry, stats));
			}
		}
		while (!after.isEmpty());
		return new QueueSnapshot(takenAt, lanes, averages, stats.deadLetters());
	}

	private LaneSnapshot laneSnapshot(Instant now, List<?> f, QueueStats stats) {
		Lane lane = Lane.of(QueueReplies.string(f.get(0)));
		Double average = stats.averageMillis(lane.kind());
		InFlightItem inFlight = (f.get(3) != null) ? new InFlightItem(QueueReplies.string(f.get(3)),
				QueueReplies.orEmpty(f.get(4)), QueueReplies.instant(f.get(6)), QueueReplies.instant(f.get(5))) : null;
		List<QueuedItem> items = new ArrayList<>();
		List<?> entries = (List<?>) f.get(7);
		for (int position = 0; position < entries.size(); position++) {
			List<?> item = (List<?>) entries.get(position);
			items.add(new QueuedItem(QueueReplies.string(item.get(0)), position, QueueReplies.optional(item.get(2)),
					QueueReplies.optional(item.get(3)), QueueReplies.optional(item.get(4)), QueueReplies.optional(item.get(5)),
					QueueReplies.instant(item.get(1)), this.estimator.estimate(now, position, average),
					(int) QueueReplies.number(item.get(6)), QueueReplies.optional(item.get(7))));
		}
		return new LaneSnapshot(lane, QueueReplies.number(f.get(1)), inFlight, QueueReplies.optionalInstant(f.get(2)), items);
	}

	/** The counters of {@code queue:stats}, over all instances and workers. */
	public QueueStats stats() {
		return QueueStats.of(callList("stats"));
	}

	/**
	 * Expires overdue leases (their items are handed out again) and forgets lanes idle for the idle TTL.
	 * Claims do the same for a few lanes each; this catches up when nobody claims.
	 */
	public Sweep sweep() {
		List<Object> reply = call("sweep", ScriptOutputType.MULTI);
		return new Sweep((int) QueueReplies.number(reply.get(0)), (int) QueueReplies.number(reply.get(1)));
	}

	/**
	 * What one sweep did.
	 * @param expiredLeases leases that had passed their deadline
	 * @param forgottenLanes idle lanes forgotten
	 */
	public record Sweep(int expiredLeases, int forgottenLanes) {
	}

	/** Loads the library unless Redis holds this version of it already. */
	public synchronized void loadLibrary() {
		RedisCommands<String, String> redis = this.connections.commands();
		String present = null;
		try {
			present = redis.fcallReadOnly(this.library.function("version"), ScriptOutputType.VALUE, NO_KEYS);
		}
		catch (RedisCommandExecutionException ex) {
			if (!String.valueOf(ex.getMessage()).startsWith(FUNCTION_NOT_FOUND)) {
				throw ex;
			}
		}
		if (!this.source.version().equals(present)) {
			redis.functionLoad(this.source.code(), true);
			logger.info("event=queue_library_loaded library={} version={} replaced_version={}", this.library.name(),
					this.source.version(), present);
		}
		this.loaded = true;
	}

	private List<Object> callList(String function, String... args) {
		return call(function, ScriptOutputType.MULTI, args);
	}

	private <T> T call(String function, ScriptOutputType type, String... args) {
		if (!this.loaded) {
			loadLibrary();
		}
		try {
			return invoke(function, type, args);
		}
		catch (RedisCommandExecutionException ex) {
			if (!String.valueOf(ex.getMessage()).startsWith(FUNCTION_NOT_FOUND)) {
				throw QueueReplies.toRejection(ex);
			}
			logger.warn("event=queue_library_missing library={} action=reload", this.library.name());
			this.loaded = false;
			loadLibrary();
			try {
				return invoke(function, type, args);
			}
			catch (RedisCommandExecutionException retried) {
				throw QueueReplies.toRejection(retried);
			}
		}
	}

	private <T> T invoke(String function, ScriptOutputType type, String[] args) {
		return this.connections.commands().fcall(this.library.function(function), type, NO_KEYS, args);
	}

	private static void checkBatch(int size, String what) {
		if (size < 1 || size > MAX_BATCH) {
			throw new QueueRequestRejectedException(Reason.BAD_REQUEST,
					"A call handles 1 to " + MAX_BATCH + " " + what + ", was " + size);
		}
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
