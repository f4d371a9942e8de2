package io.pneumatic.sim.load;

import java.time.Duration;
import java.time.Instant;

import org.HdrHistogram.Histogram;

/**
 * Delivery latencies two ways: from each event's intended send time (what a watcher experiences,
 * the load client's own publishing included) and from the moment the event log accepted it (the
 * envelope's {@code ts}: what the hub adds). Both clocks are this machine's. The envelope's {@code ts}
 * has millisecond precision, so the hub's share reads up to 1 ms high, never low.
 *
 * <p>Events count by their intended send time, so both views cover the same events.
 */
final class SplitLatency {

	private final LatencyRecorder fromSend = new LatencyRecorder();

	private final LatencyRecorder fromLog = new LatencyRecorder();

	/** Records events intended for {@code [fromNanos, toNanos)} from now on, and forgets anything recorded before. */
	void startWindow(long fromNanos, long toNanos) {
		this.fromSend.startWindow(fromNanos, toNanos);
		this.fromLog.startWindow(fromNanos, toNanos);
	}

	/**
	 * @param sentNanos the event's intended send time
	 * @param acceptedAt when the event log accepted it (the envelope's {@code ts})
	 * @param arrival when it arrived
	 */
	void record(long sentNanos, Instant acceptedAt, Arrival arrival) {
		this.fromSend.record(sentNanos, arrival.nanos() - sentNanos);
		this.fromLog.record(sentNanos, Duration.between(acceptedAt, arrival.wallClock()).toNanos());
	}

	/** Both views, since the window started or the last call. */
	Histograms take() {
		return new Histograms(this.fromSend.takeHistogram(), this.fromLog.takeHistogram());
	}

	/**
	 * Latencies in nanoseconds.
	 * @param fromSend from each event's intended send time
	 * @param fromLog from the event log's acceptance of each event: the hub's share
	 */
	record Histograms(Histogram fromSend, Histogram fromLog) {

		/** No latencies at all. */
		static Histograms none() {
			return new Histograms(new Histogram(3), new Histogram(3));
		}

	}

	/**
	 * When a frame arrived, on both clocks.
	 * @param nanos {@link System#nanoTime()}
	 * @param wallClock the wall clock, to compare with the envelope's {@code ts}
	 */
	record Arrival(long nanos, Instant wallClock) {

		static Arrival now() {
			return new Arrival(System.nanoTime(), Instant.now());
		}

	}

}
