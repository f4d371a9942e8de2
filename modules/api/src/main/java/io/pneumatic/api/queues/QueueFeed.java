package io.pneumatic.api.queues;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.LaneSnapshot;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.queue.QueueSnapshot;
import io.pneumatic.realtime.ProducerLease;
import io.pneumatic.realtime.SubscriptionMessages;

/**
 * The live queue visualization (seed design, "Queue Visualization (Hybrid Approach)"): exact lane
 * lengths every 2 s (the lanes that changed), activity levels every 5 s, and every lane's capsule
 * positions with completion estimates, in full, every 10 s, for clients to interpolate between.
 * A new subscription first gets a {@code queue_snapshot} of its own.
 *
 * <p>Concurrency model: one ticker thread reads one snapshot per lengths tick and derives every
 * message from it, so the work per tick does not grow with viewers; each message is sent once to
 * {@code /topic/queues} (previews left out) and once to {@code /topic/queues.previews}, and the
 * broker fans out. Only the holder of {@link ProducerLease} ticks; the others stand by.
 * Subscribe events read a snapshot at most one tick old, taking one (once for all of them) when there is none.
 *
 * <p>Invariants: {@code preview} is never on {@code /topic/queues}; {@code version} grows by one per
 * message of a producer; a full positions message follows every lengths delta within 10 s, so a
 * client that missed a delta is whole again by then.
 */
final class QueueFeed implements SmartLifecycle, ApplicationListener<SessionSubscribeEvent> {

	static final String PUBLIC = "/topic/queues";

	static final String PREVIEWS = "/topic/queues.previews";

	private static final Logger logger = LoggerFactory.getLogger(QueueFeed.class);

	private final QueueEngine queue;

	private final SimpMessageSendingOperations broker;

	private final SubscriptionMessages subscriptions;

	private final ProducerLease lease;

	private final QueueFeedSettings settings;

	private final JsonMapper json;

	private final LaneActivity activity = new LaneActivity();

	private @Nullable ScheduledExecutorService ticker;

	private volatile @Nullable QueueSnapshot latest;

	private volatile @Nullable QueueSnapshot forSubscribers;

	private final Object forSubscribersLock = new Object();

	private Map<String, LaneLength> sentLengths = Map.of();

	private long version;

	QueueFeed(QueueEngine queue, SimpMessageSendingOperations broker, SubscriptionMessages subscriptions,
			ProducerLease lease, QueueFeedSettings settings, JsonMapper json) {
		this.queue = queue;
		this.broker = broker;
		this.subscriptions = subscriptions;
		this.lease = lease;
		this.settings = settings;
		this.json = json;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("queue-feed").factory());
		schedule(scheduler, this::lengthsTick, this.settings.lengthsInterval());
		schedule(scheduler, this::activityTick, this.settings.activityInterval());
		schedule(scheduler, this::positionsTick, this.settings.positionsInterval());
		this.ticker = scheduler;
	}

	private static void schedule(ScheduledExecutorService scheduler, Runnable tick, Duration every) {
		scheduler.scheduleAtFixedRate(() -> {
			try {
				tick.run();
			}
			catch (RuntimeException ex) {
				// The next tick tries again: a feed that stops for good is worse than a missed tick.
				logger.warn("queue_feed.tick_failed cause=\"{}\"", ex.toString());
			}
		}, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
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

	private void lengthsTick() {
		if (!this.lease.holds()) {
			this.sentLengths = Map.of();
			this.latest = null;
			return;
		}
		QueueSnapshot snapshot = this.queue.snapshot();
		this.activity.observe(this.latest, snapshot);
		this.latest = snapshot;
		Map<String, LaneLength> now = new LinkedHashMap<>();
		for (LaneSnapshot lane : snapshot.lanes()) {
			now.put(lane.lane().name(), new LaneLength(lane.length(), lane.inFlight() != null));
		}
		Map<String, LaneLength> changed = new LinkedHashMap<>();
		now.forEach((name, length) -> {
			if (!length.equals(this.sentLengths.get(name))) {
				changed.put(name, length);
			}
		});
		List<String> removed = new ArrayList<>();
		this.sentLengths.keySet().stream().filter((name) -> !now.containsKey(name)).forEach(removed::add);
		this.sentLengths = now;
		if (!changed.isEmpty() || !removed.isEmpty()) {
			publishToBoth("queue_lengths", new Lengths(changed, removed, snapshot.totalLength(), snapshot.deadLetters()));
		}
	}

	private void activityTick() {
		QueueSnapshot snapshot = this.latest;
		if (snapshot != null) {
			publishToBoth("queue_activity", Map.of("lanes", this.activity.levels(snapshot)));
		}
	}

	private void positionsTick() {
		QueueSnapshot snapshot = this.latest;
		if (snapshot != null) {
			long next = ++this.version;
			this.broker.convertAndSend(PUBLIC, message("queue_positions", next, QueueViews.of(snapshot, false)));
			this.broker.convertAndSend(PREVIEWS, message("queue_positions", next, QueueViews.of(snapshot, true)));
		}
	}

	private void publishToBoth(String type, Object payload) {
		FeedMessage message = message(type, ++this.version, payload);
		this.broker.convertAndSend(PUBLIC, message);
		this.broker.convertAndSend(PREVIEWS, message);
	}

	/** A new subscription to the feed gets the whole picture first, on that subscription alone. */
	@Override
	public void onApplicationEvent(SessionSubscribeEvent event) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(event.getMessage());
		String destination = headers.getDestination();
		if (!PUBLIC.equals(destination) && !PREVIEWS.equals(destination) || headers.getSessionId() == null
				|| headers.getSubscriptionId() == null) {
			return;
		}
		FeedMessage message = message("queue_snapshot", 0, QueueViews.of(recentSnapshot(), PREVIEWS.equals(destination)));
		this.subscriptions.send(headers.getSessionId(), headers.getSubscriptionId(), destination,
				this.json.writeValueAsBytes(message));
	}

	/**
	 * A snapshot at most one lengths interval old: the producer's latest, or one taken for subscribers,
	 * so that a crowd subscribing at once (after a deploy, on a standby instance) costs one read of the queues.
	 */
	private QueueSnapshot recentSnapshot() {
		QueueSnapshot snapshot = newer(this.latest, this.forSubscribers);
		if (isRecent(snapshot)) {
			return snapshot;
		}
		synchronized (this.forSubscribersLock) {
			snapshot = newer(this.latest, this.forSubscribers);
			if (!isRecent(snapshot)) {
				snapshot = this.queue.snapshot();
				this.forSubscribers = snapshot;
			}
			return snapshot;
		}
	}

	private boolean isRecent(@Nullable QueueSnapshot snapshot) {
		return snapshot != null && !snapshot.takenAt().isBefore(Instant.now().minus(this.settings.lengthsInterval()));
	}

	private static @Nullable QueueSnapshot newer(@Nullable QueueSnapshot a, @Nullable QueueSnapshot b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return a.takenAt().isAfter(b.takenAt()) ? a : b;
	}

	private static FeedMessage message(String type, long version, Object payload) {
		return new FeedMessage("queues", type, version, Instant.now(), payload);
	}

	/**
	 * One message of the feed, in the shape of the event envelope.
	 * @param version the producer's message counter; 0 for the snapshot a subscription gets first
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record FeedMessage(String stream, String type, long version, Instant ts, Object payload) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record LaneLength(long length, boolean inFlight) {
	}

	/**
	 * @param lanes the lanes whose length or in-flight state changed, with their exact values
	 * @param removed lanes gone since the previous message (empty and idle)
	 * @param total items over all lanes
	 * @param deadLetters items in the dead-letter list
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Lengths(Map<String, LaneLength> lanes, List<String> removed, long total, long deadLetters) {
	}

}
