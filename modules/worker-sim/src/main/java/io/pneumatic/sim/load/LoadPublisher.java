package io.pneumatic.sim.load;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventPublisher;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one benchmark step: {@code token} events on a fixed-rate schedule, round robin over the
 * jobs, each payload carrying its intended send time as {@code sent_nanos}.
 *
 * <p>The schedule is shared by {@code threads} virtual threads (thread {@code k} sends events
 * {@code k, k + threads, …}) so that one slow publish does not hold back the others.
 */
final class LoadPublisher {

	private static final Logger logger = LoggerFactory.getLogger(LoadPublisher.class);

	private static final int SIGNIFICANT_DIGITS = 3;

	private final EventPublisher publisher;

	private final List<String> jobIds;

	private final int threads;

	private final String padding;

	/**
	 * @param paddingChars how many characters of padding each event carries (0: none)
	 */
	LoadPublisher(EventPublisher publisher, List<String> jobIds, int threads, int paddingChars) {
		this.publisher = publisher;
		this.jobIds = List.copyOf(jobIds);
		this.threads = threads;
		this.padding = "x".repeat(paddingChars);
	}

	/** Publishes events {@code 0 … eventCount − 1} of the schedule and returns what was published. */
	Publication publish(RatePacer pacer, long eventCount) {
		Map<String, PublishedSeqs> published = new LinkedHashMap<>();
		this.jobIds.forEach(jobId -> published.put(jobId, new PublishedSeqs()));
		AtomicLong failures = new AtomicLong();
		Recorder lag = new Recorder(SIGNIFICANT_DIGITS);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int thread = 0; thread < this.threads; thread++) {
				long first = thread;
				executor.submit(() -> {
					for (long index = first; index < eventCount; index += this.threads) {
						long intendedNanos = pacer.awaitTurn(index);
						String jobId = this.jobIds.get((int) (index % this.jobIds.size()));
						publishOne(jobId, index, intendedNanos, published.get(jobId), failures);
						lag.recordValue(Math.max(0, System.nanoTime() - intendedNanos));
					}
				});
			}
		}
		return new Publication(Map.copyOf(published), failures.get(), lag.getIntervalHistogram());
	}

	private void publishOne(String jobId, long index, long intendedNanos, PublishedSeqs published, AtomicLong failures) {
		try {
			Map<String, Object> payload = new HashMap<>(Map.of("text", "load", "index", index, "sent_nanos", intendedNanos));
			if (!this.padding.isEmpty()) {
				payload.put("padding", this.padding);
			}
			EventEnvelope event = this.publisher.publish(jobId, "token", payload);
			Long seq = event.seq();
			if (seq != null) {
				published.add(seq);
			}
		}
		catch (RuntimeException ex) {
			if (failures.getAndIncrement() < 5) {
				logger.warn("event=publish_failed job={} index={} error=\"{}\"", jobId, index, ex.toString());
			}
		}
	}

	/** Publishes {@code status running} to every job, so that they show up as load jobs before the first step. */
	void startJobs(String runId) {
		for (String jobId : this.jobIds) {
			this.publisher.publish(jobId, "status",
					Map.of("status", "running", "job_type", "load_benchmark", "message", "Load benchmark run " + runId));
		}
	}

	/** Publishes {@code done} to every job, ending their streams. */
	void finishJobs() {
		for (String jobId : this.jobIds) {
			try {
				this.publisher.publish(jobId, "done", Map.of("status", "succeeded"));
			}
			catch (RuntimeException ex) {
				logger.warn("event=finish_failed job={} error=\"{}\"", jobId, ex.toString());
			}
		}
	}

	/**
	 * What one step published.
	 * @param seqs per job, the seqs published
	 * @param failures how many publishes failed (nothing written)
	 * @param lag per event, nanoseconds from its intended send time until {@code publish} returned:
	 *     high values mean the publishing side, not the hub, could not keep up
	 */
	record Publication(Map<String, PublishedSeqs> seqs, long failures, Histogram lag) {

		/** How many events were published. */
		long count() {
			return this.seqs.values().stream().mapToLong(PublishedSeqs::count).sum();
		}

	}

}
