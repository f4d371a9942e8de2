package io.pneumatic.realtime.internal.presence;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.SmartLifecycle;

/**
 * Takes entities offline whose leases ran out, on every instance: every sweep interval it calls
 * {@code presence_sweep} for each channel with connections. Instances sweep side by side; Redis
 * decides (by {@code ZREM}) which one removes a connection, so each leave is announced once.
 */
final class PresenceSweeper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PresenceSweeper.class);

	private final PresenceFunctions functions;

	private final Duration interval;

	private @Nullable ScheduledExecutorService timer;

	private boolean failing;

	PresenceSweeper(PresenceFunctions functions, Duration interval) {
		this.functions = functions;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		try {
			// Replaces an older version of the library; otherwise it is loaded on first need.
			this.functions.load();
		}
		catch (RuntimeException ex) {
			logger.warn("presence.library_not_loaded cause=\"{}\"", NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("presence-sweeper").factory());
		scheduler.scheduleWithFixedDelay(this::sweep, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.timer = scheduler;
	}

	void sweep() {
		try {
			for (String channel : this.functions.commands().smembers(PresenceFunctions.CHANNELS)) {
				Long removed = this.functions.call("presence_sweep", ScriptOutputType.INTEGER, channel);
				if (removed != null && removed > 0) {
					logger.info("presence.expired channel={} connections={}", channel, removed);
				}
			}
			this.failing = false;
		}
		catch (RuntimeException ex) {
			// Logged once per streak: the next sweep tries again.
			if (!this.failing) {
				logger.warn("presence.sweep_failed cause=\"{}\"", NestedExceptionUtils.getMostSpecificCause(ex).toString());
			}
			this.failing = true;
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.timer;
		this.timer = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

}
