package io.pneumatic.sim.ops;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.OpsEventPublisher;
import io.pneumatic.sim.SimSettings;

/**
 * Ticks the {@link FleetModel} every {@code pneumatic.sim.fleet.interval} on one virtual thread and
 * publishes each tick's events, from start until stop (or {@code max-ticks}).
 *
 * <p>A tick whose events cannot all be published (the hub has not loaded the event library yet, Redis is
 * down) is logged once per streak and the next tick carries on: telemetry is not worth a backlog.
 */
final class FleetSimulator implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FleetSimulator.class);

	private final OpsEventPublisher publisher;

	private final SimSettings.Fleet settings;

	private final FleetModel model;

	private volatile @Nullable Thread thread;

	private long published;

	private int failures;

	FleetSimulator(OpsEventPublisher publisher, SimSettings.Fleet settings) {
		this.publisher = publisher;
		this.settings = settings;
		this.model = new FleetModel(settings, new SplittableRandom());
	}

	@Override
	public synchronized void start() {
		if (this.thread == null) {
			this.thread = Thread.ofVirtual().name("fleet-simulator").start(this::run);
		}
	}

	private void run() {
		logger.info("event=fleet_started clusters={} namespaces={} nodes_per_cluster={} gpus_per_node={} interval={}",
				this.settings.clusters(), this.settings.namespaces(), this.settings.nodesPerCluster(),
				this.settings.gpusPerNode(), this.settings.interval());
		long ticks = 0;
		try {
			while (this.settings.maxTicks() == 0 || ticks < this.settings.maxTicks()) {
				publish(this.model.tick());
				ticks++;
				Thread.sleep(this.settings.interval());
			}
		}
		catch (InterruptedException ex) {
			// stop(): the application is shutting down.
		}
		logger.info("event=fleet_stopped ticks={} events_published={}", ticks, this.published);
	}

	private void publish(List<OpsEvent> events) {
		try {
			for (OpsEvent event : events) {
				this.publisher.publish(event.cluster(), event.namespace(), event.type(), event.payload());
				this.published++;
			}
			if (this.failures > 0) {
				logger.info("event=fleet_publishing_recovered failed_ticks={}", this.failures);
				this.failures = 0;
			}
		}
		catch (EventRejectedException ex) {
			failed(ex.reason() + " " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			// Redis unreachable: Lettuce's exception.
			failed(ex.toString());
		}
	}

	private void failed(String cause) {
		if (this.failures++ == 0) {
			logger.warn("event=fleet_publish_failed cause=\"{}\" skipping ticks until publishing works again", cause);
		}
	}

	@Override
	public synchronized void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
