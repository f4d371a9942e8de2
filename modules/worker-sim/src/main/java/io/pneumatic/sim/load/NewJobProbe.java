package io.pneumatic.sim.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.EventTypes;
import io.pneumatic.sim.HubStompClients;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The first token of a brand-new job, measured while a step's load runs on a warm hub and client (the
 * first tokens of the benchmark's own jobs all fall in the first, cold second of a fresh load client).
 *
 * <p>Every {@code interval} of the measurement window, one job at a time: publishes the job's
 * {@code status}, subscribes a watcher on a STOMP connection of its own and waits for its receipt, then
 * publishes the job's first {@code token} and its {@code done}, and waits for both to arrive. The
 * watcher records the token's latency from its send and from the event log's acceptance.
 */
final class NewJobProbe implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(NewJobProbe.class);

	private final EventPublisher publisher;

	private final JsonMapper jsonMapper;

	private final Duration timeout;

	private final SimpleAsyncTaskScheduler receipts = new SimpleAsyncTaskScheduler();

	private final WebSocketStompClient client;

	private final StompSession session;

	private long probes;

	/**
	 * Connects the probe's STOMP connection.
	 * @param timeout how long to wait for the connection, and for each probe's receipt and events
	 */
	NewJobProbe(URI hubUrl, String token, EventPublisher publisher, JsonMapper jsonMapper, Duration timeout)
			throws InterruptedException {
		this.publisher = publisher;
		this.jsonMapper = jsonMapper;
		this.timeout = timeout;
		this.client = HubStompClients.create(null);
		this.receipts.setVirtualThreads(true);
		this.client.setTaskScheduler(this.receipts);
		StompHeaders connectHeaders = new StompHeaders();
		connectHeaders.set("Authorization", "Bearer " + token);
		try {
			this.session = this.client
				.connectAsync(hubUrl, new WebSocketHttpHeaders(), connectHeaders, new StompSessionHandlerAdapter() {
				})
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			stopClient();
			throw new IllegalStateException("The new-job probe could not connect to " + hubUrl + ": " + ex, ex);
		}
	}

	/**
	 * Probes every {@code interval} until {@code toNanos}, starting at {@code fromNanos}; the new jobs are
	 * named {@code probe-{runId}-{n}}.
	 */
	Result run(String runId, long fromNanos, long toNanos, Duration interval) {
		SplitLatency firstTokens = new SplitLatency();
		firstTokens.startWindow(fromNanos, toNanos);
		SplitLatency unused = new SplitLatency();
		long failures = 0;
		for (long due = fromNanos; due - toNanos < 0; due += interval.toNanos()) {
			RatePacer.Clock.SYSTEM.parkUntil(due);
			String jobId = "probe-" + runId + "-" + this.probes++;
			Exception failure = probe(jobId, firstTokens, unused);
			if (failure != null && failures++ < 5) {
				logger.warn("event=probe_failed job={} error=\"{}\"", jobId, failure.toString());
			}
		}
		return new Result(firstTokens.take(), failures);
	}

	/** One probe; what made it fail, or null. */
	private @Nullable Exception probe(String jobId, SplitLatency firstTokens, SplitLatency unused) {
		CountDownLatch confirmed = new CountDownLatch(1);
		LoadSubscription watcher = new LoadSubscription(jobId, this.jsonMapper, unused, firstTokens, confirmed);
		StompSession.@Nullable Subscription subscription = null;
		try {
			this.publisher.publish(jobId, "status",
					Map.of("status", "running", "job_type", "load_probe", "message", "First-token probe"));
			StompHeaders headers = new StompHeaders();
			headers.setDestination(watcher.destination());
			headers.set("last-seq", "0");
			headers.setReceipt("probe-" + jobId);
			subscription = this.session.subscribe(headers, watcher);
			subscription.addReceiptTask(watcher::confirm);
			if (!confirmed.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new TimeoutException("no receipt within " + this.timeout);
			}
			this.publisher.publish(jobId, "token", Map.of("text", "first", "sent_nanos", System.nanoTime()));
			this.publisher.publish(jobId, EventTypes.DONE, Map.of("status", "succeeded"));
			watcher.ended().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return ex;
		}
		finally {
			if (subscription != null) {
				subscription.unsubscribe();
			}
		}
	}

	@Override
	public void close() {
		if (this.session.isConnected()) {
			this.session.disconnect();
		}
		stopClient();
	}

	private void stopClient() {
		this.client.stop();
		this.receipts.close();
	}

	/**
	 * What one run of probes measured.
	 * @param firstTokens the first-token latencies of the probes' jobs
	 * @param failures how many probes failed (no receipt, or their events did not arrive in time)
	 */
	record Result(SplitLatency.Histograms firstTokens, long failures) {

		/** No probes. */
		static Result none() {
			return new Result(SplitLatency.Histograms.none(), 0);
		}

	}

}
