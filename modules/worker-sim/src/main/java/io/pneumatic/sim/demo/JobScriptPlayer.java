package io.pneumatic.sim.demo;

import java.time.Duration;

import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.EventRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pneumatic.sim.demo.JobEvent.Done;
import io.pneumatic.sim.demo.JobEvent.Failure;

/**
 * Plays a {@link JobScript} through the {@link EventPublisher}, pausing between steps.
 *
 * <p>Runs on the job's own virtual thread. When interrupted (the simulator is stopping) it publishes
 * {@code error} and {@code done {status: failed}} so that the job does not stay open.
 */
final class JobScriptPlayer {

	private static final Logger logger = LoggerFactory.getLogger(JobScriptPlayer.class);

	private static final int NOT_READY_RETRIES = 20;

	private static final Duration NOT_READY_BACKOFF = Duration.ofMillis(500);

	private final EventPublisher publisher;

	private final double timeScale;

	JobScriptPlayer(EventPublisher publisher, double timeScale) {
		this.publisher = publisher;
		this.timeScale = timeScale;
	}

	/** Plays the whole script; returns when {@code done} is published, the job was refused or interrupted. */
	void play(JobScript script) {
		logger.info("event=job_started job={} kind={} steps={} fails={}", script.jobId(), script.kind().wireName(),
				script.steps().size(), script.fails());
		try {
			for (ScriptStep step : script.steps()) {
				Thread.sleep(Duration.ofNanos(Math.round(step.delay().toNanos() * this.timeScale)));
				publish(script.jobId(), step.event());
			}
			logger.info("event=job_finished job={} status={}", script.jobId(), script.fails() ? Done.FAILED : Done.SUCCEEDED);
		}
		catch (InterruptedException ex) {
			abandon(script, "Worker simulator stopped", "WORKER_STOPPED");
		}
		catch (EventRejectedException ex) {
			logger.warn("event=job_refused job={} reason={} message=\"{}\"", script.jobId(), ex.reason(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			// Redis unreachable, or a blocking call interrupted by shutdown: close the job if we still can.
			logger.warn("event=job_aborted job={} error=\"{}\"", script.jobId(), ex.toString());
			abandon(script, "Worker simulator could not publish: " + ex.getMessage(), "WORKER_ERROR");
		}
	}

	private void publish(String jobId, JobEvent event) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				this.publisher.publish(jobId, event.type(), event.payload());
				return;
			}
			catch (EventRejectedException ex) {
				if (ex.reason() != EventRejectedException.Reason.NOT_READY || attempt == NOT_READY_RETRIES) {
					throw ex;
				}
				Thread.sleep(NOT_READY_BACKOFF);
			}
		}
	}

	/** Publishes {@code error} and {@code done {status: failed}}, clearing the interrupt that may have brought us here. */
	private void abandon(JobScript script, String message, String code) {
		Thread.interrupted();
		try {
			this.publisher.publish(script.jobId(), "error", new Failure(message, code).payload());
			this.publisher.publish(script.jobId(), "done", new Done(Done.FAILED).payload());
			logger.info("event=job_abandoned job={}", script.jobId());
		}
		catch (RuntimeException ex) {
			logger.warn("event=job_abandon_failed job={} error=\"{}\"", script.jobId(), ex.getMessage());
		}
	}

}
