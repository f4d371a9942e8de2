package io.pneumatic.sim;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceModeConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(ServiceModeConfiguration.class);

	@Test
	void workerAndFleetModesKeepTheProcessUpUntilStopped() {
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=worker")
			.run((context) -> assertThat(context).hasSingleBean(UntilStoppedRunner.class));
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=fleet")
			.run((context) -> assertThat(context).hasSingleBean(UntilStoppedRunner.class));
	}

	@Test
	void modesWithARunnerOfTheirOwnDoNotNeedIt() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(UntilStoppedRunner.class));
		this.contextRunner.withPropertyValues("pneumatic.sim.mode=load")
			.run((context) -> assertThat(context).doesNotHaveBean(UntilStoppedRunner.class));
	}

}
