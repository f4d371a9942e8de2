package io.pneumatic.sim.ops;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.pneumatic.realtime.EventTypes;
import io.pneumatic.sim.SimSettings;
import io.pneumatic.sim.testing.TestHub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet simulation against real Redis (database 15): {@code --mode=fleet} publishes every ops event
 * type through the ops publish function, and the latest reading of every GPU lands in the GPU hashes.
 */
class FleetSimulatorIntegrationTests {

	private final TestHub hub = new TestHub();

	@AfterEach
	void close() {
		this.hub.close();
	}

	@Test
	void fleetModePublishesEveryOpsType() {
		this.hub.contextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(SettingsConfiguration.class, FleetConfiguration.class)
			.withPropertyValues("pneumatic.sim.mode=fleet", "pneumatic.sim.fleet.clusters=alpha,beta",
					"pneumatic.sim.fleet.namespaces=production,staging", "pneumatic.sim.fleet.nodes-per-cluster=3",
					"pneumatic.sim.fleet.gpus-per-node=2", "pneumatic.sim.fleet.interval=10ms",
					"pneumatic.sim.fleet.incident-probability=0.1", "pneumatic.sim.fleet.max-ticks=400")
			.run((context) -> {
				assertThat(context).hasSingleBean(FleetSimulator.class);
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(publishedTypes())
					.containsAll(EventTypes.OPS_EVENT_TYPES));
				assertThat(this.hub.redis().hlen("ops:{alpha}:gpu")).isEqualTo(3 * 2);
				assertThat(this.hub.redis().hlen("ops:{beta}:gpu")).isEqualTo(3 * 2);
				assertThat(this.hub.redis().zrange("ops:streams", 0, -1)).containsExactlyInAnyOrder("alpha.production",
						"alpha.staging", "alpha.platform", "beta.production", "beta.staging", "beta.platform");
			});
	}

	@Test
	void demoModeSimulatesTheFleetUnlessSwitchedOff() {
		this.hub.contextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(SettingsConfiguration.class, FleetConfiguration.class)
			.withPropertyValues("pneumatic.sim.fleet.max-ticks=1")
			.run((context) -> assertThat(context).hasSingleBean(FleetSimulator.class));
		this.hub.contextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(SettingsConfiguration.class, FleetConfiguration.class)
			.withPropertyValues("pneumatic.sim.fleet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FleetSimulator.class));
		this.hub.contextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(SettingsConfiguration.class, FleetConfiguration.class)
			.withPropertyValues("pneumatic.sim.mode=worker")
			.run((context) -> assertThat(context).doesNotHaveBean(FleetSimulator.class));
	}

	private Set<String> publishedTypes() {
		Set<String> types = new HashSet<>();
		for (String member : this.hub.redis().zrange("ops:streams", 0, -1)) {
			int dot = member.indexOf('.');
			String key = "ops:{" + member.substring(0, dot) + "}:" + member.substring(dot + 1) + ":events";
			List<StreamMessage<String, String>> entries = this.hub.redis().xrange(key, Range.create("-", "+"));
			entries.forEach((entry) -> types.add(entry.getBody().get("type")));
		}
		return types;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SimSettings.class)
	static class SettingsConfiguration {

	}

}
