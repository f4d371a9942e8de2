package io.pneumatic.sim.worker;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.ItemDetails;
import io.pneumatic.realtime.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;

class ModerationScriptWriterTests {

	private static final int SEEDS = 50;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ScreeningVerdict PASSED = new ScreeningVerdict(false, 12, List.of(), null);

	private static final ScreeningVerdict FLAGGED = new ScreeningVerdict(true, 91, List.of("spam", "harassment"),
			"Contains \"buy now\" (spam)");

	@Test
	void passedItemStreamsCommentaryAsTokensThenEndsWithDone() {
		for (long seed = 0; seed < SEEDS; seed++) {
			ModerationScript script = writer(seed).write(post(), PASSED, false);
			List<WorkStep> steps = script.steps();

			assertThat(script.failsTransiently()).isFalse();
			assertThat(steps.getFirst().payload()).containsEntry("status", "running")
				.containsEntry("job_type", "post")
				.containsEntry("lane", "posts_topic_5")
				.containsEntry("owner", "demo-user-1")
				.containsEntry("item_id", "17")
				.containsEntry("attempt", 2);
			assertThat(steps.get(1).type()).isEqualTo("tos_screening");
			assertThat(steps.get(1).payload()).containsEntry("status", "screening");
			assertThat(steps.get(2).payload()).containsEntry("status", "passed")
				.containsEntry("risk_score", 12)
				.containsEntry("categories", List.of());
			List<WorkStep> tokens = steps.subList(3, steps.size() - 2);
			assertThat(tokens).isNotEmpty().allSatisfy((step) -> assertThat(step.type()).isEqualTo("token"));
			assertThat(tokens).extracting((step) -> step.payload().get("index"))
				.containsExactlyElementsOf(java.util.stream.LongStream.range(0, tokens.size()).boxed().toList());
			WorkStep commentary = steps.get(steps.size() - 2);
			assertThat(commentary.type()).isEqualTo("commentary");
			assertThat(commentary.payload()).containsEntry("persona", "Rex the Referee")
				.containsEntry("text", String.join("", tokens.stream().map((step) -> (String) step.payload().get("text")).toList()));
			assertThat(steps.getLast().type()).isEqualTo("done");
			assertThat(steps.getLast().payload()).containsEntry("status", "succeeded").containsEntry("verdict", "passed");
		}
	}

	@Test
	void flaggedItemReportsTheViolationInsteadOfCommentary() {
		List<WorkStep> steps = writer(1).write(post(), FLAGGED, false).steps();

		assertThat(steps).extracting(WorkStep::type)
			.containsExactly("status", "tos_screening", "tos_screening", "tos_violation", "done");
		assertThat(steps.get(2).payload()).containsEntry("status", "flagged")
			.containsEntry("risk_score", 91)
			.containsEntry("categories", List.of("spam", "harassment"));
		assertThat(steps.get(3).payload()).containsEntry("reason", "Contains \"buy now\" (spam)")
			.containsEntry("category", "spam")
			.containsEntry("severity", "high")
			.containsEntry("risk_score", 91);
		assertThat(steps.getLast().payload()).containsEntry("status", "succeeded").containsEntry("verdict", "flagged");
	}

	@Test
	void transientlyFailingAttemptBreaksOffWithAWarningAndNoDone() {
		for (long seed = 0; seed < SEEDS; seed++) {
			ModerationScript script = writer(seed).write(post(), (seed % 2 == 0) ? PASSED : FLAGGED, true);

			assertThat(script.failsTransiently()).isTrue();
			assertThat(script.transientError()).isNotBlank();
			assertThat(script.steps().getFirst().type()).isEqualTo("status");
			assertThat(script.steps().getLast().type()).isEqualTo("log");
			assertThat(script.steps().getLast().payload()).containsEntry("level", "warn");
			assertThat((String) script.steps().getLast().payload().get("message")).contains(script.transientError());
			assertThat(script.steps()).extracting(WorkStep::type).doesNotContain("done", "error");
		}
	}

	@Test
	void itemBreakingTheContractFailsTheJobForGood() {
		WorkItem invalid = WorkItem.of(WorkItemTests.claim("{}", new ItemDetails("post", "demo-user-1", null, null, "j-1")), JSON);

		ModerationScript script = writer(1).write(invalid, PASSED, true);

		assertThat(script.failsTransiently()).isFalse();
		assertThat(script.steps()).extracting(WorkStep::type).containsExactly("status", "error", "done");
		assertThat(script.steps().get(1).payload()).containsEntry("code", "INVALID_ITEM");
		assertThat(script.steps().getLast().payload()).containsEntry("status", "failed")
			.containsEntry("error", "Item 17 breaks the item contract: a post needs a non-blank params.body");
	}

	@Test
	void deadLetteredJobEndsWithErrorAndFailedDone() {
		assertThat(ModerationScriptWriter.deadLettered("boom")).extracting(WorkStep::type).containsExactly("error", "done");
		assertThat(ModerationScriptWriter.deadLettered("boom").getLast().payload()).containsEntry("status", "failed")
			.containsEntry("error", "Gave up after the last attempt: boom");
	}

	@Test
	void everyEventCarriesTheFieldsItsTypeRequiresAndNoNulls() {
		WorkItem anonymousJob = WorkItem.of(WorkItemTests.claim("{\"x\":1}", ItemDetails.NONE), JSON);
		for (WorkItem item : List.of(post(), anonymousJob)) {
			for (ScreeningVerdict verdict : List.of(PASSED, FLAGGED)) {
				for (boolean fails : new boolean[] { false, true }) {
					for (WorkStep step : writer(7).write(item, verdict, fails).steps()) {
						Set<String> required = EventTypes.JOB_EVENT_REQUIRED_FIELDS.get(step.type());
						assertThat(required).as("known type %s", step.type()).isNotNull();
						assertThat(step.payload()).containsKeys(required.toArray(String[]::new));
						assertThat(step.payload().values()).doesNotContainNull();
					}
				}
			}
		}
	}

	private static WorkItem post() {
		return WorkItem.of(WorkItemTests.claim("{\"topic_id\":\"5\",\"body\":\"Totally agree, start small.\"}",
				new ItemDetails("post", "demo-user-1", null, "Totally agree", "j-1")), JSON);
	}

	private static ModerationScriptWriter writer(long seed) {
		return new ModerationScriptWriter(new SplittableRandom(seed), 20, 50);
	}

}
