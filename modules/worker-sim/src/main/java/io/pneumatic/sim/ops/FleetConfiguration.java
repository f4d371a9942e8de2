package io.pneumatic.sim.ops;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.pneumatic.realtime.OpsEventPublisher;
import io.pneumatic.sim.SimMode;
import io.pneumatic.sim.SimSettings;

/**
 * The fleet simulation in {@code fleet} mode, and in {@code demo} mode unless
 * {@code pneumatic.sim.fleet.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

	@Bean
	@Conditional(FleetOrDemoMode.class)
	FleetSimulator fleetSimulator(OpsEventPublisher publisher, SimSettings settings) {
		return new FleetSimulator(publisher, settings.fleet());
	}

	/** Matches in {@code fleet} mode, and in {@code demo} mode (also when unset) with the fleet enabled. */
	static final class FleetOrDemoMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			SimMode mode = binder.bind("pneumatic.sim.mode", SimMode.class).orElse(SimMode.DEMO);
			boolean enabled = binder.bind("pneumatic.sim.fleet.enabled", Boolean.class).orElse(true);
			return (mode == SimMode.FLEET || (mode == SimMode.DEMO && enabled)) ? ConditionOutcome.match("mode " + mode)
					: ConditionOutcome.noMatch("mode " + mode + (mode == SimMode.DEMO ? " with the fleet disabled" : ""));
		}

	}

}
