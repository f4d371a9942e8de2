package io.pneumatic.sim.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * When each client started to join, and how long its {@code join} event took to reach each observer.
 * Thread-safe: joins start on the benchmark's thread, arrivals are recorded on the observers' threads.
 */
final class JoinTimes {

	private final Map<String, Long> started = new ConcurrentHashMap<>();

	private final Map<String, Integer> arrivals = new ConcurrentHashMap<>();

	private final Recorder latencies = new Recorder(3);

	/** Marks the moment {@code userId} sends the SUBSCRIBE that makes it present. */
	void started(String userId, long nanos) {
		this.started.put(userId, nanos);
	}

	/** Records the arrival of {@code userId}'s join at one observer; joins of users not started here are ignored. */
	void arrived(String userId, long nanos) {
		Long start = this.started.get(userId);
		if (start != null && nanos >= start) {
			this.latencies.recordValue(nanos - start);
			this.arrivals.merge(userId, 1, Integer::sum);
		}
	}

	/** How many join arrivals were recorded over all observers. */
	long arrivals() {
		return this.arrivals.values().stream().mapToLong(Integer::longValue).sum();
	}

	/** The latencies recorded so far, in nanoseconds. */
	Histogram histogram() {
		return this.latencies.getIntervalHistogram();
	}

}
