package io.pneumatic.sim.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.ClaimBatch;
import io.pneumatic.queue.FailOutcome;
import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.EventRejectedException;

/**
 * One worker: claims an item, processes it as a moderation job whose events stream on its job's
 * stream, completes it (with the next claim, in one round trip) or reports it failed; waits
 * {@code poll-interval} when nothing is claimable.
 *
 * <p>Runs on its own virtual thread until interrupted. See the package documentation for what it
 * does when a lease is lost, a job has already finished or Redis is unreachable.
 */
final class QueueWorker implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(QueueWorker.class);

	private static final Duration NOT_READY_PAUSE = Duration.ofMillis(500);

	private static final Duration NOT_READY_PATIENCE = Duration.ofSeconds(30);

	private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(5);

	private final String workerId;

	private final QueueEngine engine;

	private final EventPublisher publisher;

	private final JsonMapper json;

	private final ContentScreener screener;

	private final ModerationScriptWriter writer;

	private final TransientFailures failures;

	private final double timeScale;

	private final Duration pollInterval;

	QueueWorker(String workerId, QueueEngine engine, EventPublisher publisher, JsonMapper json, RandomGenerator random,
			WorkerOptions options) {
		this.workerId = workerId;
		this.engine = engine;
		this.publisher = publisher;
		this.json = json;
		this.screener = new ContentScreener(random, options.flagProbability());
		this.writer = new ModerationScriptWriter(random, options.minTokensPerSecond(), options.maxTokensPerSecond());
		this.failures = options.failures();
		this.timeScale = options.timeScale();
		this.pollInterval = options.pollInterval();
	}

	@Override
	public void run() {
		logger.info("event=worker_started worker={}", this.workerId);
		List<Lease> toComplete = new ArrayList<>();
		Duration errorBackoff = this.pollInterval;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					ClaimBatch batch = toComplete.isEmpty() ? new ClaimBatch(List.of(), this.engine.claim(this.workerId, 1))
							: this.engine.completeAndClaim(this.workerId, toComplete, 1);
					toComplete.clear();
					batch.lostLeases().forEach((lease) -> logger.warn(
							"event=completion_refused worker={} item={} reason=lease_lost", this.workerId, lease.itemId()));
					errorBackoff = this.pollInterval;
					if (batch.claims().isEmpty()) {
						Thread.sleep(this.pollInterval);
						continue;
					}
					for (Claim claim : batch.claims()) {
						if (work(claim)) {
							toComplete.add(claim.lease());
						}
					}
				}
				catch (RuntimeException ex) {
					if (Thread.currentThread().isInterrupted()) {
						break;
					}
					// Redis unreachable or refusing: back off, keep the completions for the next call.
					logger.warn("event=worker_error worker={} retry_in_ms={} error=\"{}\"", this.workerId,
							errorBackoff.toMillis(), ex.toString());
					Thread.sleep(errorBackoff);
					errorBackoff = min(errorBackoff.multipliedBy(2), MAX_ERROR_BACKOFF);
				}
			}
		}
		catch (InterruptedException ex) {
			// stopping
		}
		Thread.interrupted();
		for (Lease lease : toComplete) {
			completeQuietly(lease);
		}
		logger.info("event=worker_stopped worker={}", this.workerId);
	}

	/**
	 * Works one claim to its end.
	 * @return whether the item is to be completed
	 * @throws InterruptedException if the worker is stopping; the attempt was then reported failed
	 */
	boolean work(Claim claim) throws InterruptedException {
		WorkItem item = WorkItem.of(claim, this.json);
		ModerationScript script = this.writer.write(item,
				item.isInvalid() ? new ScreeningVerdict(false, 0, List.of(), null) : this.screener.screen(item.screenedText()),
				!item.isInvalid() && this.failures.failsAttempt(item));
		LeaseKeeper keeper = new LeaseKeeper(this.engine, claim.lease(), claim.leaseDeadline());
		logger.info("event=item_claimed worker={} item={} lane={} job={} type={} attempt={}", this.workerId, item.itemId(),
				item.lane(), item.jobId(), item.contentType(), item.attempt());
		try {
			for (WorkStep step : script.steps()) {
				if (!keeper.pause(scaled(step.delay())) || !publish(item, step, keeper)) {
					logger.warn("event=lease_lost worker={} item={} job={} action=stopped_publishing", this.workerId,
							item.itemId(), item.jobId());
					return false;
				}
			}
			if (script.failsTransiently()) {
				reportFailure(claim, item, script.transientError());
				return false;
			}
			logger.info("event=item_processed worker={} item={} job={} invalid={}", this.workerId, item.itemId(), item.jobId(),
					item.isInvalid());
			return true;
		}
		catch (JobFinished ex) {
			logger.info("event=job_already_finished worker={} item={} job={} action=complete_without_events", this.workerId,
					item.itemId(), item.jobId());
			return true;
		}
		catch (InterruptedException ex) {
			throw stopped(claim, item);
		}
		catch (RuntimeException ex) {
			// Lettuce and the publisher turn an interrupt into an exception and keep the thread interrupted.
			if (Thread.currentThread().isInterrupted()) {
				throw stopped(claim, item);
			}
			if (ex instanceof EventRejectedException rejected) {
				reportFailure(claim, item, "event refused (" + rejected.reason() + "): " + rejected.getMessage());
				return false;
			}
			throw ex;
		}
	}

	/** The worker is stopping in the middle of an item: report the attempt failed so it is retried soon. */
	private InterruptedException stopped(Claim claim, WorkItem item) {
		Thread.interrupted();
		reportFailure(claim, item, "worker " + this.workerId + " stopped");
		return new InterruptedException("worker stopped");
	}

	/**
	 * Publishes one step, waiting (with heartbeats) while the event log is not ready.
	 * @return {@code false} if the lease was lost meanwhile
	 */
	private boolean publish(WorkItem item, WorkStep step, LeaseKeeper keeper) throws InterruptedException {
		long giveUp = System.nanoTime() + NOT_READY_PATIENCE.toNanos();
		while (true) {
			try {
				this.publisher.publish(item.jobId(), step.type(), step.payload());
				return true;
			}
			catch (EventRejectedException ex) {
				if (ex.reason() == EventRejectedException.Reason.JOB_FINISHED) {
					throw new JobFinished();
				}
				if (ex.reason() != EventRejectedException.Reason.NOT_READY || System.nanoTime() > giveUp) {
					throw ex;
				}
			}
			if (!keeper.pause(NOT_READY_PAUSE)) {
				return false;
			}
		}
	}

	/** Reports a failed attempt; ends the job with {@code done {status: failed}} if that was its last one. */
	private void reportFailure(Claim claim, WorkItem item, String error) {
		FailOutcome outcome;
		try {
			outcome = this.engine.fail(claim.lease(), error);
		}
		catch (RuntimeException ex) {
			logger.warn("event=fail_not_reported worker={} item={} error=\"{}\" cause=\"{}\"", this.workerId, item.itemId(),
					error, ex.toString());
			return;
		}
		logger.info("event=attempt_failed worker={} item={} job={} attempt={} outcome={} error=\"{}\"", this.workerId,
				item.itemId(), item.jobId(), item.attempt(), outcome, error);
		if (outcome == FailOutcome.DEAD_LETTERED) {
			try {
				for (WorkStep step : ModerationScriptWriter.deadLettered(error)) {
					this.publisher.publish(item.jobId(), step.type(), step.payload());
				}
			}
			catch (RuntimeException ex) {
				logger.warn("event=dead_letter_not_published worker={} item={} job={} error=\"{}\"", this.workerId,
						item.itemId(), item.jobId(), ex.toString());
			}
		}
	}

	private void completeQuietly(Lease lease) {
		try {
			if (!this.engine.complete(lease)) {
				logger.warn("event=completion_refused worker={} item={} reason=lease_lost", this.workerId, lease.itemId());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("event=completion_failed worker={} item={} error=\"{}\"", this.workerId, lease.itemId(), ex.toString());
		}
	}

	private Duration scaled(Duration delay) {
		return Duration.ofNanos(Math.round(delay.toNanos() * this.timeScale));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** The job ended with {@code done} before (a redelivered item): complete the item, publish nothing. */
	private static final class JobFinished extends RuntimeException {

		JobFinished() {
			super(null, null, false, false);
		}

	}

}
