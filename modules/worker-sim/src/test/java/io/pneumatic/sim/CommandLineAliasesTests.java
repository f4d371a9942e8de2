package io.pneumatic.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineAliasesTests {

	@Test
	void expandsShortOptionsToPropertyKeys() {
		String[] expanded = CommandLineAliases.expand(new String[] { "--mode=load", "--jobs=200", "--rate=100,200",
				"--subscribers=1000", "--out=results.md", "--probe-interval=0s" });

		assertThat(expanded).containsExactly("--pneumatic.sim.mode=load", "--pneumatic.sim.load.jobs=200",
				"--pneumatic.sim.load.rates=100,200", "--pneumatic.sim.load.subscribers-per-job=1000",
				"--pneumatic.sim.load.out=results.md", "--pneumatic.sim.load.probe-interval=0s");
	}

	@Test
	void leavesOtherArgumentsAlone() {
		String[] expanded = CommandLineAliases.expand(new String[] { "--spring.data.redis.port=6380", "positional",
				"--pneumatic.sim.load.jobs=3" });

		assertThat(expanded).containsExactly("--spring.data.redis.port=6380", "positional", "--pneumatic.sim.load.jobs=3");
	}

	@Test
	void expandsTheQueueLoadOptions() {
		String[] expanded = CommandLineAliases.expand(new String[] { "--mode=queue-load", "--lanes=1,100", "--items=5000",
				"--workers=4", "--claim-batch=32" });

		assertThat(expanded).containsExactly("--pneumatic.sim.mode=queue-load", "--pneumatic.sim.queue-load.lanes=1,100",
				"--pneumatic.sim.queue-load.items=5000", "--pneumatic.sim.queue-load.workers=4",
				"--pneumatic.sim.queue-load.claim-batch=32");
	}

}
