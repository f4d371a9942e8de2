package io.pneumatic.sim.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies (in nanoseconds) of the events intended for the current measurement window.
 *
 * <p>Lock-free for the recording threads (an HdrHistogram {@link Recorder}); one reader takes the
 * histogram at the end of a step.
 */
final class LatencyRecorder {

	private static final int SIGNIFICANT_DIGITS = 3;

	private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);

	private volatile Window window = new Window(0, 0);

	/** Records events intended for {@code [fromNanos, toNanos)} from now on, and forgets anything recorded before. */
	void startWindow(long fromNanos, long toNanos) {
		this.window = new Window(fromNanos, toNanos);
		this.recorder.reset();
	}

	/** Records one delivery's latency, if its event was intended for the window; negative latencies are not recorded. */
	void record(long sentNanos, long latencyNanos) {
		if (this.window.contains(sentNanos) && latencyNanos >= 0) {
			this.recorder.recordValue(latencyNanos);
		}
	}

	/** The latencies recorded since the window started (or since the last call). */
	Histogram takeHistogram() {
		return this.recorder.getIntervalHistogram();
	}

	private record Window(long fromNanos, long toNanos) {

		boolean contains(long nanos) {
			return nanos - this.fromNanos >= 0 && nanos - this.toNanos < 0;
		}

	}

}
