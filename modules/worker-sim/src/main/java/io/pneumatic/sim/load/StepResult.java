package io.pneumatic.sim.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one benchmark step.
 *
 * @param step the step number, from 1
 * @param transport how subscribers received events: {@code stomp} or {@code sse}
 * @param rate the target publish rate over all jobs, events per second
 * @param jobs how many jobs the events were spread over
 * @param subscribersPerJob how many subscribers watched each job
 * @param connections how many STOMP connections or SSE streams carried the subscriptions
 * @param published how many events were published in the step (warm-up included)
 * @param publishFailures how many publishes failed
 * @param publishLag per event, nanoseconds from its intended send time until the publish returned
 * @param latency latencies of the measured deliveries: end to end from each event's intended send time, and
 *     the hub's share from the moment the event log accepted it (without the publishing side's delays)
 * @param measuredSeconds the length of the measurement window
 * @param drained whether every subscriber had its job's last event before the drain timeout; when not,
 *     {@code lost} includes events that were still on their way
 * @param lost expected deliveries that never arrived, summed over subscribers
 * @param duplicated extra deliveries of an event a subscriber already had
 * @param outOfOrder deliveries that came after a higher seq
 * @param reconnects how many times a connection dropped and was re-opened during the step
 * @param firstTokens per subscriber whose job's first {@code token} arrived during the step, that token's
 *     latency (in practice all in step 1)
 * @param newJobFirstTokens the first tokens of the {@link NewJobProbe}'s jobs started during the measurement window
 * @param probeFailures how many of those probes failed
 */
record StepResult(int step, String transport, long rate, int jobs, int subscribersPerJob, int connections, long published,
		long publishFailures, Histogram publishLag, SplitLatency.Histograms latency, double measuredSeconds,
		boolean drained, long lost, long duplicated, long outOfOrder, long reconnects, SplitLatency.Histograms firstTokens,
		SplitLatency.Histograms newJobFirstTokens, long probeFailures) {

	/** Whether every subscriber got every event once, in order. */
	boolean deliveredCorrectly() {
		return this.lost == 0 && this.duplicated == 0 && this.outOfOrder == 0;
	}

	/** The metrics in report order, by their snake-case names. */
	Map<String, Object> metrics() {
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("step", this.step);
		metrics.put("transport", this.transport);
		metrics.put("rate", this.rate);
		metrics.put("jobs", this.jobs);
		metrics.put("subscribers_per_job", this.subscribersPerJob);
		metrics.put("connections", this.connections);
		metrics.put("published", this.published);
		metrics.put("publish_failures", this.publishFailures);
		metrics.put("publish_lag_p99_ms", millis(this.publishLag.getValueAtPercentile(99)));
		metrics.put("publish_lag_max_ms", millis(this.publishLag.getMaxValue()));
		Histogram endToEnd = this.latency.fromSend();
		Histogram hub = this.latency.fromLog();
		metrics.put("measured_deliveries", endToEnd.getTotalCount());
		metrics.put("p50_ms", millis(endToEnd.getValueAtPercentile(50)));
		metrics.put("p99_ms", millis(endToEnd.getValueAtPercentile(99)));
		metrics.put("p99_9_ms", millis(endToEnd.getValueAtPercentile(99.9)));
		metrics.put("max_ms", millis(endToEnd.getMaxValue()));
		metrics.put("hub_p50_ms", millis(hub.getValueAtPercentile(50)));
		metrics.put("hub_p99_ms", millis(hub.getValueAtPercentile(99)));
		metrics.put("hub_p99_9_ms", millis(hub.getValueAtPercentile(99.9)));
		metrics.put("delivered_per_s", BigDecimal.valueOf(endToEnd.getTotalCount() / this.measuredSeconds)
				.setScale(1, RoundingMode.HALF_UP));
		metrics.put("drained", this.drained);
		metrics.put("lost", this.lost);
		metrics.put("duplicated", this.duplicated);
		metrics.put("out_of_order", this.outOfOrder);
		metrics.put("reconnects", this.reconnects);
		firstTokenMetrics(metrics, "first_token", this.firstTokens);
		firstTokenMetrics(metrics, "new_job_first_token", this.newJobFirstTokens);
		metrics.put("new_job_probe_failures", this.probeFailures);
		return metrics;
	}

	private static void firstTokenMetrics(Map<String, Object> metrics, String prefix, SplitLatency.Histograms latency) {
		metrics.put(prefix + "s", latency.fromSend().getTotalCount());
		metrics.put(prefix + "_p50_ms", millis(latency.fromSend().getValueAtPercentile(50)));
		metrics.put(prefix + "_p99_ms", millis(latency.fromSend().getValueAtPercentile(99)));
		metrics.put(prefix + "_hub_p50_ms", millis(latency.fromLog().getValueAtPercentile(50)));
		metrics.put(prefix + "_hub_p99_ms", millis(latency.fromLog().getValueAtPercentile(99)));
	}

	private static BigDecimal millis(long nanos) {
		return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(TimeUnit.MILLISECONDS.toNanos(1)), 3, RoundingMode.HALF_UP);
	}

}
