package io.pneumatic.sim.worker;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.Presence;
import io.pneumatic.sim.SimMode;
import io.pneumatic.sim.SimSettings;

/**
 * The queue workers in modes {@code demo} and {@code worker} (unless {@code pneumatic.sim.queue.enabled=false}),
 * the demo feeder in {@code demo} mode (unless {@code pneumatic.sim.queue.feed-enabled=false}), the workers'
 * presence as agents in {@code pneumatic.sim.queue.presence-channel} (unless it is empty), and in
 * {@code worker} mode a runner that keeps the process up until it is stopped.
 */
@Configuration(proxyBeanMethods = false)
class QueueWorkConfiguration {

	@Bean
	@Conditional(DemoOrWorkerMode.class)
	@ConditionalOnProperty(prefix = "pneumatic.sim.queue", name = "enabled", havingValue = "true", matchIfMissing = true)
	QueueWorkers queueWorkers(QueueEngine engine, EventPublisher publisher, JsonMapper json, SimSettings settings) {
		return new QueueWorkers(engine, publisher, json, WorkerOptions.of(settings));
	}

	@Bean
	@Conditional(DemoOrWorkerMode.class)
	@ConditionalOnProperty(prefix = "pneumatic.sim.queue", name = "enabled", havingValue = "true", matchIfMissing = true)
	@ConditionalOnExpression("'${pneumatic.sim.queue.presence-channel:agents}' != ''")
	AgentPresence agentPresence(QueueWorkers workers, Presence presence, SimSettings settings) {
		return new AgentPresence(presence, settings.queue().presenceChannel(), workers.workerIds(),
				settings.queue().capabilities());
	}

	@Bean
	@ConditionalOnProperty(prefix = "pneumatic.sim", name = "mode", havingValue = "demo", matchIfMissing = true)
	@ConditionalOnProperty(prefix = "pneumatic.sim.queue", name = "feed-enabled", havingValue = "true", matchIfMissing = true)
	DemoQueueFeeder demoQueueFeeder(QueueEngine engine, JsonMapper json, SimSettings settings) {
		return new DemoQueueFeeder(engine, json, settings.queue());
	}

	/** Matches when {@code pneumatic.sim.mode} is {@code demo} (also when unset) or {@code worker}. */
	static final class DemoOrWorkerMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			SimMode mode = Binder.get(context.getEnvironment()).bind("pneumatic.sim.mode", SimMode.class).orElse(SimMode.DEMO);
			return (mode == SimMode.DEMO || mode == SimMode.WORKER) ? ConditionOutcome.match("mode " + mode)
					: ConditionOutcome.noMatch("mode " + mode + " does not work the queue");
		}

	}

}
