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
 * @param latency end-to-end latencies of the measured deliveries, in nanoseconds
 * @param measuredSeconds the length of the measurement window
 * @param drained whether every subscriber had its job's last event before the drain timeout; when not,
 *     {@code lost} includes events that were still on their way
 * @param lost expected deliveries that never arrived, summed over subscribers
 * @param duplicated extra deliveries of an event a subscriber already had
 * @param outOfOrder deliveries that came after a higher seq
 * @param reconnects how many times a connection dropped and was re-opened during the step
 * @param firstTokenLatency per subscriber whose job's first {@code token} arrived during the step, nanoseconds
 *     from that token's intended send time to its arrival (in practice all in step 1)
 * @param firstTokenHubLatency the same from the moment the event log accepted the token: the hub's share
 */
record StepResult(int step, String transport, long rate, int jobs, int subscribersPerJob, int connections, long published,
		long publishFailures, Histogram publishLag, Histogram latency, double measuredSeconds, boolean drained, long lost, long duplicated, long outOfOrder,
		long reconnects, Histogram firstTokenLatency, Histogram firstTokenHubLatency) {

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
		metrics.put("measured_deliveries", this.latency.getTotalCount());
		metrics.put("p50_ms", millis(this.latency.getValueAtPercentile(50)));
		metrics.put("p99_ms", millis(this.latency.getValueAtPercentile(99)));
		metrics.put("p99_9_ms", millis(this.latency.getValueAtPercentile(99.9)));
		metrics.put("max_ms", millis(this.latency.getMaxValue()));
		metrics.put("delivered_per_s", BigDecimal.valueOf(this.latency.getTotalCount() / this.measuredSeconds)
				.setScale(1, RoundingMode.HALF_UP));
		metrics.put("drained", this.drained);
		metrics.put("lost", this.lost);
		metrics.put("duplicated", this.duplicated);
		metrics.put("out_of_order", this.outOfOrder);
		metrics.put("reconnects", this.reconnects);
		metrics.put("first_tokens", this.firstTokenLatency.getTotalCount());
		metrics.put("first_token_p50_ms", millis(this.firstTokenLatency.getValueAtPercentile(50)));
		metrics.put("first_token_p99_ms", millis(this.firstTokenLatency.getValueAtPercentile(99)));
		metrics.put("first_token_hub_p50_ms", millis(this.firstTokenHubLatency.getValueAtPercentile(50)));
		metrics.put("first_token_hub_p99_ms", millis(this.firstTokenHubLatency.getValueAtPercentile(99)));
		return metrics;
	}

	private static BigDecimal millis(long nanos) {
		return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(TimeUnit.MILLISECONDS.toNanos(1)), 3, RoundingMode.HALF_UP);
	}

}
