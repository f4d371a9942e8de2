package io.pneumatic.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineAliasesTests {

	@Test
	void expandsShortOptionsToPropertyKeys() {
		String[] expanded = CommandLineAliases.expand(new String[] { "--mode=load", "--jobs=200", "--rate=100,200",
				"--subscribers=1000", "--out=results.md" });

		assertThat(expanded).containsExactly("--pneumatic.sim.mode=load", "--pneumatic.sim.load.jobs=200",
				"--pneumatic.sim.load.rates=100,200", "--pneumatic.sim.load.subscribers-per-job=1000",
				"--pneumatic.sim.load.out=results.md");
	}

	@Test
	void leavesOtherArgumentsAlone() {
		String[] expanded = CommandLineAliases.expand(new String[] { "--spring.data.redis.port=6380", "positional",
				"--pneumatic.sim.load.jobs=3" });

		assertThat(expanded).containsExactly("--spring.data.redis.port=6380", "positional", "--pneumatic.sim.load.jobs=3");
	}

}
