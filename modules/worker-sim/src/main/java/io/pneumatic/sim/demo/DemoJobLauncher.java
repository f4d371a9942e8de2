package io.pneumatic.sim.demo;

import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.sim.SimSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Demo mode: starts a simulated job every {@code job-interval} while fewer than
 * {@code max-concurrent-jobs} run, each on its own virtual thread, until stopped or
 * {@code max-jobs} have run.
 *
 * <p>{@link #run} blocks the main thread; {@link #stop()} (on shutdown) ends the loop and
 * interrupts the running jobs, which then close their streams.
 */
@Component
@ConditionalOnProperty(prefix = "pneumatic.sim", name = "mode", havingValue = "demo", matchIfMissing = true)
final class DemoJobLauncher implements ApplicationRunner, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DemoJobLauncher.class);

	private static final long STOP_GRACE_SECONDS = 5;

	private final SimSettings.Demo settings;

	private final JobScriptPlayer player;

	private final RandomGenerator random = RandomGenerator.getDefault();

	private final JobScriptWriter writer;

	private final ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor();

	private final Semaphore slots;

	private volatile boolean running;

	private volatile @Nullable Thread launcherThread;

	DemoJobLauncher(SimSettings settings, EventPublisher publisher) {
		this.settings = settings.demo();
		this.player = new JobScriptPlayer(publisher, this.settings.timeScale());
		this.writer = new JobScriptWriter(this.random, this.settings.minTokensPerSecond(), this.settings.maxTokensPerSecond());
		this.slots = new Semaphore(this.settings.maxConcurrentJobs());
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		this.launcherThread = Thread.currentThread();
		logger.info("event=demo_started job_interval={} max_concurrent_jobs={} failure_probability={} max_jobs={} time_scale={}",
				this.settings.jobInterval(), this.settings.maxConcurrentJobs(), this.settings.failureProbability(),
				this.settings.maxJobs(), this.settings.timeScale());
		long started = 0;
		try {
			while (this.running && (this.settings.maxJobs() == 0 || started < this.settings.maxJobs())) {
				this.slots.acquire();
				JobScript script = nextScript();
				this.jobs.submit(() -> playAndRelease(script));
				started++;
				Thread.sleep(this.settings.jobInterval());
			}
			this.jobs.shutdown();
			this.jobs.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
		}
		catch (InterruptedException | RejectedExecutionException ex) {
			// stop() interrupted us or closed the executor: the application is shutting down.
		}
		logger.info("event=demo_finished jobs_started={}", started);
	}

	/** Called on the launcher thread only, like everything that touches {@link #random}. */
	private JobScript nextScript() {
		JobKind[] kinds = JobKind.values();
		String jobId = "sim-" + HexFormat.of().toHexDigits(this.random.nextInt());
		boolean fails = this.random.nextDouble() < this.settings.failureProbability();
		return this.writer.write(jobId, kinds[this.random.nextInt(kinds.length)], fails);
	}

	private void playAndRelease(JobScript script) {
		try {
			this.player.play(script);
		}
		finally {
			this.slots.release();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread launcher = this.launcherThread;
		if (launcher != null) {
			launcher.interrupt();
		}
		this.jobs.shutdownNow();
		try {
			if (!this.jobs.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("event=demo_stop_timeout grace_seconds={}", STOP_GRACE_SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
