package io.pneumatic.sim;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Keeps the process up in the modes that run until stopped without a runner of their own:
 * {@code worker} and {@code fleet}.
 */
@Configuration(proxyBeanMethods = false)
class ServiceModeConfiguration {

	@Bean
	@Conditional(WorkerOrFleetMode.class)
	UntilStoppedRunner untilStoppedRunner() {
		return new UntilStoppedRunner();
	}

	/** Matches when {@code pneumatic.sim.mode} is {@code worker} or {@code fleet}. */
	static final class WorkerOrFleetMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			SimMode mode = Binder.get(context.getEnvironment()).bind("pneumatic.sim.mode", SimMode.class).orElse(SimMode.DEMO);
			return (mode == SimMode.WORKER || mode == SimMode.FLEET) ? ConditionOutcome.match("mode " + mode)
					: ConditionOutcome.noMatch("mode " + mode + " has a runner of its own");
		}

	}

}
