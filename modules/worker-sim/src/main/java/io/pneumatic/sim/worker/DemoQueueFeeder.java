package io.pneumatic.sim.worker;

import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.queue.QueueRequestRejectedException;
import io.pneumatic.sim.SimSettings;

/**
 * Demo mode's live queue traffic: enqueues one {@link SampleContent} item every {@code feed-interval}
 * on a virtual thread, from start until stop.
 *
 * <p>Each item has the client key {@code sim-feed-<run>-<n>}: when an enqueue fails (Redis unreachable),
 * the same request is sent again on the next tick, and the key keeps it from being enqueued twice.
 */
final class DemoQueueFeeder implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DemoQueueFeeder.class);

	private final QueueEngine engine;

	private final SampleContent content;

	private final Duration interval;

	private final String run = HexFormat.of().toHexDigits(new SplittableRandom().nextInt());

	private volatile @Nullable Thread thread;

	DemoQueueFeeder(QueueEngine engine, JsonMapper json, SimSettings.Queue settings) {
		this.engine = engine;
		this.content = new SampleContent(new SplittableRandom(), json, settings.topics(), settings.conversations());
		this.interval = settings.feedInterval();
	}

	@Override
	public void start() {
		this.thread = Thread.ofVirtual().name("queue-demo-feeder").start(this::feed);
	}

	private void feed() {
		logger.info("event=queue_feed_started interval={} run={}", this.interval, this.run);
		long sent = 0;
		EnqueueRequest pending = null;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				if (pending == null) {
					pending = this.content.next("sim-feed-" + this.run + "-" + (sent + 1));
				}
				try {
					Enqueued enqueued = this.engine.enqueue(pending);
					logger.debug("event=queue_item_fed item={} lane={} position={}", enqueued.itemId(), enqueued.lane(),
							enqueued.position());
					sent++;
					pending = null;
				}
				catch (QueueRequestRejectedException ex) {
					logger.warn("event=queue_feed_refused reason={} message=\"{}\"", ex.reason(), ex.getMessage());
					pending = null;
				}
				catch (RuntimeException ex) {
					logger.warn("event=queue_feed_failed client_key={} error=\"{}\"", pending.clientKey(), ex.toString());
				}
				Thread.sleep(this.interval);
			}
		}
		catch (InterruptedException ex) {
			// stopping
		}
		logger.info("event=queue_feed_stopped items={}", sent);
	}

	@Override
	public void stop() {
		Thread feeder = this.thread;
		if (feeder != null) {
			feeder.interrupt();
			try {
				feeder.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
