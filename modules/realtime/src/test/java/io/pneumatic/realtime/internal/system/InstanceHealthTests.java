package io.pneumatic.realtime.internal.system;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceHealthTests {

	@Test
	void reportsEachContributorsStatusAndTheWorstOfACompositesMembers() {
		HealthIndicator up = () -> Health.up().withDetail("secret", "never shown").build();
		HealthIndicator down = () -> Health.down().build();
		HealthIndicator failing = () -> {
			throw new IllegalStateException("boom");
		};
		DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		registry.registerContributor("redis", up);
		registry.registerContributor("db", failing);
		registry.registerContributor("brokers", CompositeHealthContributor.fromMap(Map.of("a", up, "b", down)));

		assertThat(new InstanceHealth(registry).components())
			.containsExactly(Map.entry("brokers", "DOWN"), Map.entry("db", "DOWN"), Map.entry("redis", "UP"));
	}

	@Test
	void theWorstStatusIsDownThenOutOfServiceThenUpThenUnknown() {
		assertThat(InstanceHealth.worst(List.of("UP", "OUT_OF_SERVICE", "UNKNOWN"))).isEqualTo("OUT_OF_SERVICE");
		assertThat(InstanceHealth.worst(List.of("UP", "DOWN", "OUT_OF_SERVICE"))).isEqualTo("DOWN");
		assertThat(InstanceHealth.worst(List.of("UP", "UNKNOWN"))).isEqualTo("UP");
		assertThat(InstanceHealth.worst(List.of())).isEqualTo("UNKNOWN");
	}

}
