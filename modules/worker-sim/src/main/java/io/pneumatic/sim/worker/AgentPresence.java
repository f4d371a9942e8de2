package io.pneumatic.sim.worker;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;

import io.pneumatic.realtime.Presence;
import io.pneumatic.realtime.PresenceEntity;

/**
 * Shows this process's queue workers as agents, with their capabilities, in a presence channel
 * ({@code agents} by default) while they run: each announces itself at start, renews its lease every
 * third of it, and leaves at stop. A process that dies stops renewing, and the hub takes its workers
 * offline when their leases run out.
 *
 * <p>Starts after the workers (and so stops before them: their leave comes first). One virtual-thread
 * timer renews; a renewal that finds a lease gone (Redis restarted, a long pause) announces again.
 */
final class AgentPresence implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AgentPresence.class);

	private final Presence presence;

	private final String channel;

	private final List<PresenceEntity> agents;

	private @Nullable ScheduledExecutorService timer;

	AgentPresence(Presence presence, String channel, List<String> workerIds, List<String> capabilities) {
		this.presence = presence;
		this.channel = channel;
		this.agents = workerIds.stream()
			.map((id) -> new PresenceEntity(PresenceEntity.AGENT, id, PresenceEntity.ONLINE, capabilities))
			.toList();
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("agent-presence").factory());
		long every = this.presence.renewInterval().toMillis();
		scheduler.execute(this::announceAll);
		scheduler.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
		this.timer = scheduler;
	}

	private void announceAll() {
		try {
			for (PresenceEntity agent : this.agents) {
				this.presence.announce(this.channel, agent.id(), agent);
			}
			logger.info("event=agents_online channel={} agents={}", this.channel, this.agents.size());
		}
		catch (RuntimeException ex) {
			logger.warn("event=agent_presence_failed channel={} cause=\"{}\"", this.channel,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	private void renewAll() {
		try {
			for (PresenceEntity agent : this.agents) {
				if (!this.presence.renew(this.channel, agent.id())) {
					this.presence.announce(this.channel, agent.id(), agent);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("event=agent_presence_failed channel={} cause=\"{}\"", this.channel,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.timer;
		this.timer = null;
		if (scheduler == null) {
			return;
		}
		scheduler.shutdownNow();
		try {
			for (PresenceEntity agent : this.agents) {
				this.presence.leave(this.channel, agent.id());
			}
			logger.info("event=agents_offline channel={} agents={}", this.channel, this.agents.size());
		}
		catch (RuntimeException ex) {
			// Their leases run out instead.
			logger.warn("event=agent_leave_failed channel={} cause=\"{}\"", this.channel,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

	@Override
	public int getPhase() {
		// After the workers' default phase: started after them, stopped before them.
		return DEFAULT_PHASE + 1;
	}

}
