package io.pneumatic.sim.demo;

import java.util.List;
import java.util.Random;
import java.util.Set;

import io.pneumatic.realtime.EventTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobScriptWriterTests {

	private static final int SEEDS = 50;

	@ParameterizedTest
	@EnumSource(JobKind.class)
	void succeedingScriptStartsRunningCompletesEveryPhaseAndEndsWithDone(JobKind kind) {
		for (long seed = 0; seed < SEEDS; seed++) {
			JobScript script = writer(seed).write("sim-test", kind, false);
			List<JobEvent> events = events(script);

			assertThat(events.getFirst()).isEqualTo(new JobEvent.Status("running", kind.wireName(), "Started " + kind.wireName().replace('_', ' ')));
			assertThat(events.getLast()).isEqualTo(new JobEvent.Done("succeeded"));
			assertThat(events).filteredOn(JobEvent.Done.class::isInstance).hasSize(1);
			assertThat(events).filteredOn(JobEvent.Failure.class::isInstance).isEmpty();
			assertThat(events).filteredOn(JobEvent.PhaseComplete.class::isInstance)
				.extracting(event -> ((JobEvent.PhaseComplete) event).phaseId())
				.containsExactlyElementsOf(kind.phases().stream().map(JobKind.Phase::id).toList());
			assertThat(script.fails()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(JobKind.class)
	void failingScriptEndsWithErrorThenFailedDone(JobKind kind) {
		for (long seed = 0; seed < SEEDS; seed++) {
			List<JobEvent> events = events(writer(seed).write("sim-test", kind, true));

			assertThat(events.get(events.size() - 2)).isInstanceOf(JobEvent.Failure.class);
			assertThat(events.getLast()).isEqualTo(new JobEvent.Done("failed"));
			assertThat(events).filteredOn(JobEvent.Done.class::isInstance).hasSize(1);
		}
	}

	@Test
	void everyEventCarriesTheFieldsItsTypeRequires() {
		for (JobKind kind : JobKind.values()) {
			for (boolean fails : new boolean[] { false, true }) {
				for (JobEvent event : events(writer(7).write("sim-test", kind, fails))) {
					Set<String> required = EventTypes.JOB_EVENT_REQUIRED_FIELDS.get(event.type());
					assertThat(required).as("known type %s", event.type()).isNotNull();
					assertThat(event.payload()).containsKeys(required.toArray(String[]::new));
					assertThat(event.payload().values()).doesNotContainNull();
				}
			}
		}
	}

	@Test
	void streamsTokensWithConsecutiveIndexesAtTheConfiguredRate() {
		JobScript script = writer(3).write("sim-test", JobKind.LLM_AGENT, false);

		List<ScriptStep> tokens = script.steps().stream().filter(step -> step.event() instanceof JobEvent.Token).toList();
		assertThat(tokens).hasSizeGreaterThanOrEqualTo(40);
		for (int i = 0; i < tokens.size(); i++) {
			assertThat(((JobEvent.Token) tokens.get(i).event()).index()).isEqualTo(i);
			assertThat(tokens.get(i).delay().toMillis()).isBetween(20L, 50L);
		}
	}

	@Test
	void reportsPhaseProgressUpToTheTotal() {
		JobScript script = writer(11).write("sim-test", JobKind.BATCH_JOB, false);

		List<JobEvent.PhaseUpdate> updates = events(script).stream()
			.filter(JobEvent.PhaseUpdate.class::isInstance)
			.map(JobEvent.PhaseUpdate.class::cast)
			.filter(update -> update.phaseId().equals("transform"))
			.toList();
		assertThat(updates).extracting(JobEvent.PhaseUpdate::processedCount).isSorted();
		assertThat(updates.getLast().processedCount()).isEqualTo(updates.getLast().totalCount());
		assertThat(updates.getLast().etaSeconds()).isZero();
	}

	private static JobScriptWriter writer(long seed) {
		return new JobScriptWriter(new Random(seed), 20, 50);
	}

	private static List<JobEvent> events(JobScript script) {
		return script.steps().stream().map(ScriptStep::event).toList();
	}

}
