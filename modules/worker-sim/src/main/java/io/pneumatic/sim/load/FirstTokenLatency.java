package io.pneumatic.sim.load;

import java.time.Instant;

import org.HdrHistogram.Histogram;

/**
 * How long a watcher waits for each job's first {@code token}, two ways: from its intended send time
 * (what the watcher experiences, the load client's own publishing included) and from the moment the
 * event log accepted it (the envelope's {@code ts}: what the hub adds). Both clocks are this machine's.
 */
final class FirstTokenLatency {

	private final LatencyRecorder fromSend = new LatencyRecorder();

	private final LatencyRecorder fromLog = new LatencyRecorder();

	/** Records first tokens intended for {@code [fromNanos, toNanos)}. */
	void startWindow(long fromNanos, long toNanos) {
		this.fromSend.startWindow(fromNanos, toNanos);
		this.fromLog.startWindow(fromNanos, toNanos);
	}

	/**
	 * @param sentNanos the token's intended send time
	 * @param acceptedAt when the event log accepted it (the envelope's {@code ts})
	 * @param receivedNanos when it arrived
	 */
	void record(long sentNanos, Instant acceptedAt, long receivedNanos) {
		this.fromSend.record(sentNanos, receivedNanos);
		long hubNanos = Math.max(0, (System.currentTimeMillis() - acceptedAt.toEpochMilli()) * 1_000_000L);
		this.fromLog.record(receivedNanos - hubNanos, receivedNanos);
	}

	Histogram takeFromSend() {
		return this.fromSend.takeHistogram();
	}

	Histogram takeFromLog() {
		return this.fromLog.takeHistogram();
	}

}
