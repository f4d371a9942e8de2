package io.pneumatic.sim.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.sim.SimSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Load mode: the end-to-end benchmark. Subscribes {@code jobs × subscribers-per-job} STOMP or SSE
 * clients ({@code --transport}), then for each rate publishes through {@link EventPublisher} for
 * warm-up + duration and reports latency (p50/p99/p99.9, end to end and the hub's share), delivered/s,
 * lost, duplicated and out-of-order events, the first-token latency of the jobs (first step), and that of
 * new jobs started during each step's measurement window ({@link NewJobProbe}).
 *
 * <p>Runs on the main thread and returns when done. The exit code is 0, or
 * {@value #EXIT_DELIVERY_VIOLATED} when some step lost, duplicated or reordered events.
 */
@Component
@ConditionalOnProperty(prefix = "pneumatic.sim", name = "mode", havingValue = "load")
final class LoadBenchmark implements ApplicationRunner, ExitCodeGenerator {

	/** The exit code of a run that saw lost, duplicated or out-of-order events. */
	static final int EXIT_DELIVERY_VIOLATED = 3;

	private static final Logger logger = LoggerFactory.getLogger(LoadBenchmark.class);

	private static final Duration START_LEAD = Duration.ofMillis(200);

	private static final Duration DRAIN_POLL = Duration.ofMillis(20);

	private static final Duration FIRST_TOKEN_WINDOW = Duration.ofDays(365);

	private final SimSettings.Load settings;

	private final EventPublisher eventPublisher;

	private final JsonMapper jsonMapper;

	private final BenchmarkReport report;

	private volatile int exitCode;

	LoadBenchmark(SimSettings settings, EventPublisher eventPublisher, JsonMapper jsonMapper) {
		this.settings = settings.load();
		this.eventPublisher = eventPublisher;
		this.jsonMapper = jsonMapper;
		this.report = new BenchmarkReport(jsonMapper);
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
		List<String> jobIds = new ArrayList<>();
		for (int job = 0; job < this.settings.jobs(); job++) {
			jobIds.add("load-" + runId + "-" + job);
		}
		int total = this.settings.totalSubscribers();
		CountDownLatch confirmations = new CountDownLatch(total);
		SplitLatency latency = new SplitLatency();
		SplitLatency firstTokenLatency = new SplitLatency();
		// Every job's first token counts, whenever it was sent.
		firstTokenLatency.startWindow(System.nanoTime(), System.nanoTime() + FIRST_TOKEN_WINDOW.toNanos());
		List<LoadSubscription> subscriptions = new ArrayList<>(total);
		for (String jobId : jobIds) {
			for (int subscriber = 0; subscriber < this.settings.subscribersPerJob(); subscriber++) {
				subscriptions.add(new LoadSubscription(jobId, this.jsonMapper, latency, firstTokenLatency, confirmations));
			}
		}
		logger.info("event=load_started run={} transport={} hub_url={} jobs={} subscribers_per_job={} subscribers_per_connection={} rates={} warmup={} duration={}",
				runId, transportName(), this.settings.hubUrl(), this.settings.jobs(), this.settings.subscribersPerJob(),
				this.settings.subscribersPerConnection(), this.settings.rates(), this.settings.warmup(), this.settings.duration());
		LoadPublisher publisher = new LoadPublisher(this.eventPublisher, jobIds, this.settings.publisherThreads(),
				this.settings.payloadBytes());
		publisher.startJobs(runId);
		HubTokens tokens = new HubTokens(this.settings.httpUrl(), this.settings.token(), this.jsonMapper);
		try (SubscriberPool pool = subscriberPool(subscriptions, (index) -> tokens.tokenFor(runId, index));
				StalledSubscribers stalled = new StalledSubscribers(this.settings.hubUrl(), jobIds,
						this.settings.stalledSubscribers(), (index) -> tokens.tokenFor(runId, total + index),
						this.settings.subscribeTimeout());
				NewJobProbe probe = this.settings.probesNewJobs() ? new NewJobProbe(this.settings.hubUrl(),
						tokens.tokenFor(runId, total + this.settings.stalledSubscribers()), this.eventPublisher, this.jsonMapper,
						this.settings.subscribeTimeout()) : null) {
			pool.connect(this.settings.connectConcurrency(), this.settings.subscribeTimeout());
			awaitConfirmed(confirmations, total);
			logger.info("event=load_subscribed run={} subscriptions={} connections={} stalled={}", runId, total, pool.size(),
					stalled.size());
			List<StepResult> results = new ArrayList<>();
			for (int step = 1; step <= this.settings.rates().size(); step++) {
				StepResult result = runStep(runId, step, this.settings.rates().get(step - 1), publisher, subscriptions, latency,
						firstTokenLatency, pool, probe);
				this.report.print(result, System.out);
				results.add(result);
				if (!result.deliveredCorrectly()) {
					this.exitCode = EXIT_DELIVERY_VIOLATED;
				}
			}
			publisher.finishJobs();
			if (this.settings.out() != null) {
				this.report.write(results, this.settings.out());
				logger.info("event=load_results_written file={}", this.settings.out());
			}
		}
		logger.info("event=load_finished run={} exit_code={}", runId, this.exitCode);
	}

	private SubscriberPool subscriberPool(List<LoadSubscription> subscriptions, IntFunction<String> tokens) {
		return switch (this.settings.transport()) {
			case STOMP -> new StompSubscriberPool(this.settings.hubUrl(), subscriptions,
					this.settings.subscribersPerConnection(), tokens);
			case SSE -> new SseSubscriberPool(this.settings.httpUrl(), subscriptions, tokens, this.jsonMapper);
		};
	}

	private String transportName() {
		return this.settings.transport().name().toLowerCase(Locale.ROOT);
	}

	private StepResult runStep(String runId, int step, long rate, LoadPublisher publisher, List<LoadSubscription> subscriptions,
			SplitLatency latency, SplitLatency firstTokenLatency, SubscriberPool pool, @Nullable NewJobProbe probe)
			throws InterruptedException {
		long reconnectsBefore = pool.reconnects();
		long startNanos = System.nanoTime() + START_LEAD.toNanos();
		long measureFrom = startNanos + this.settings.warmup().toNanos();
		long measureTo = measureFrom + this.settings.duration().toNanos();
		RatePacer pacer = new RatePacer(startNanos, rate, RatePacer.Clock.SYSTEM);
		latency.startWindow(measureFrom, measureTo);
		logger.info("event=step_started step={} rate={} events={}", step, rate, pacer.eventsBefore(measureTo));
		CompletableFuture<NewJobProbe.Result> probed = (probe != null)
				? CompletableFuture.supplyAsync(() -> probe.run(runId, measureFrom, measureTo, this.settings.probeInterval()),
						Thread.ofVirtual().name("new-job-probe")::start)
				: CompletableFuture.completedFuture(NewJobProbe.Result.none());
		LoadPublisher.Publication publication = publisher.publish(pacer, pacer.eventsBefore(measureTo));
		boolean drained = drain(subscriptions, publication);
		NewJobProbe.Result newJobs = probed.join();
		long lost = 0;
		DeliveryTally.Anomalies anomalies = DeliveryTally.Anomalies.NONE;
		for (LoadSubscription subscription : subscriptions) {
			lost += subscription.tally().missing(publication.seqs().get(subscription.jobId()).toBitSet());
			anomalies = anomalies.plus(subscription.tally().takeAnomalies());
		}
		logger.info("event=step_finished step={} published={} drained={}", step, publication.count(), drained);
		return new StepResult(step, transportName(), rate, this.settings.jobs(), this.settings.subscribersPerJob(), pool.size(),
				publication.count(), publication.failures(), publication.lag(), latency.take(),
				this.settings.duration().toNanos() / 1e9, drained, lost, anomalies.duplicated(), anomalies.outOfOrder(),
				pool.reconnects() - reconnectsBefore, firstTokenLatency.take(), newJobs.firstTokens(), newJobs.failures());
	}

	/** Waits until every subscriber has its job's last published seq, or the drain timeout passes. */
	private boolean drain(List<LoadSubscription> subscriptions, LoadPublisher.Publication publication)
			throws InterruptedException {
		long deadline = System.nanoTime() + this.settings.drainTimeout().toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (subscriptions.stream().allMatch(subscription -> subscription.tally().highestSeq()
					>= publication.seqs().get(subscription.jobId()).highest())) {
				return true;
			}
			Thread.sleep(DRAIN_POLL);
		}
		return false;
	}

	private void awaitConfirmed(CountDownLatch confirmations, int total) throws InterruptedException {
		Duration timeout = this.settings.subscribeTimeout();
		if (!confirmations.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Only " + (total - confirmations.getCount()) + " of " + total
					+ " subscriptions were confirmed (RECEIPT or replay_complete) within " + timeout + " at "
					+ this.settings.hubUrl() + ": raise pneumatic.sim.load.subscribe-timeout or check the hub's log");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
