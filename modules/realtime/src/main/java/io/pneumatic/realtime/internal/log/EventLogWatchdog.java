package io.pneumatic.realtime.internal.log;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;

/**
 * Keeps the event log ready: restores sequence numbers and loads the event library at start, and
 * again whenever a cheap check every second finds the library or the wake-up stream gone (a Redis
 * restart without persistence, {@code FLUSHALL}, {@code FUNCTION FLUSH}).
 *
 * <p>Runs on one virtual thread with the shared connection. While Redis or the archive fails it
 * retries with back-off; publishers wait meanwhile (they see the library missing, or
 * {@code NOT_READY}). Failures are logged once per streak, without stack traces.
 */
final class EventLogWatchdog implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventLogWatchdog.class);

	private final EventLogConnections connections;

	private final SequenceRestorer restorer;

	private final EventFunctionLibrary library;

	private final Supplier<List<String>> groups;

	private final Duration checkInterval;

	private final Duration maxBackoff;

	private volatile boolean running;

	private @Nullable Thread thread;

	/**
	 * @param groups the consumer groups, read when the watchdog starts (all beans exist then)
	 * @param checkInterval how often to check that the library is loaded
	 * @param maxBackoff the longest wait between failed restores
	 */
	EventLogWatchdog(EventLogConnections connections, SequenceRestorer restorer, EventFunctionLibrary library,
			Supplier<List<String>> groups, Duration checkInterval, Duration maxBackoff) {
		this.connections = connections;
		this.restorer = restorer;
		this.library = library;
		this.groups = groups;
		this.checkInterval = checkInterval;
		this.maxBackoff = maxBackoff;
	}

	@Override
	public void start() {
		List<String> consumerGroups = this.groups.get();
		this.running = true;
		this.thread = Thread.ofVirtual().name("event-log-watchdog").start(() -> watch(consumerGroups));
	}

	@Override
	public void stop() {
		this.running = false;
		Thread watching = this.thread;
		if (watching != null) {
			watching.interrupt();
			try {
				watching.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void watch(List<String> consumerGroups) {
		ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), this.maxBackoff);
		boolean restoreNext = true;
		int failures = 0;
		while (this.running) {
			try {
				if (restoreNext || !isReady()) {
					if (!restoreNext) {
						logger.warn("event log lost its Redis functions or data; restoring sequence numbers library={}",
								this.library.name());
					}
					this.restorer.restore(consumerGroups);
					restoreNext = false;
					if (failures > 0) {
						logger.info("event log recovered library={} failures={}", this.library.name(), failures);
					}
					failures = 0;
					backoff.reset();
				}
				Thread.sleep(this.checkInterval);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				restoreNext = true;
				if (failures++ == 0) {
					logger.warn("event log not ready; retrying with back-off library={} cause=\"{}\"", this.library.name(),
							NestedExceptionUtils.getMostSpecificCause(ex).toString());
				}
				if (!pause(backoff.next())) {
					return;
				}
			}
		}
	}

	private boolean isReady() {
		RedisCommands<String, String> redis = this.connections.commands();
		return this.library.isLoadedIn(redis) && redis.exists(EventKeys.WAKEUP) == 1;
	}

	private static boolean pause(Duration wait) {
		try {
			Thread.sleep(wait);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
