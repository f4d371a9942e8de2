package io.pneumatic.sim.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.EventRejectedException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobScriptPlayerTests {

	@Test
	void publishesEveryStepInOrder() {
		RecordingPublisher publisher = new RecordingPublisher((type, attempt) -> null);
		JobScript script = new JobScriptWriter(new Random(5), 20, 50).write("sim-test", JobKind.BATCH_JOB, false);

		new JobScriptPlayer(publisher, 0).play(script);

		assertThat(publisher.published).extracting(Published::type)
			.containsExactlyElementsOf(script.steps().stream().map(step -> step.event().type()).toList());
	}

	@Test
	void retriesAnEventWhileTheLogIsNotReady() {
		RecordingPublisher publisher = new RecordingPublisher((type, attempt) -> (attempt <= 2)
				? new EventRejectedException(EventRejectedException.Reason.NOT_READY, "restoring") : null);

		new JobScriptPlayer(publisher, 0).play(script(Duration.ZERO));

		assertThat(publisher.published).extracting(Published::type).containsExactly("status", "log", "done");
	}

	@Test
	void closesTheJobWithWorkerStoppedWhenInterrupted() {
		RecordingPublisher publisher = new RecordingPublisher((type, attempt) -> null);
		Thread job = Thread.ofVirtual().start(() -> new JobScriptPlayer(publisher, 1).play(script(Duration.ofMinutes(1))));

		await().atMost(Duration.ofSeconds(5)).until(() -> publisher.published.size() == 1);
		job.interrupt();
		await().atMost(Duration.ofSeconds(5)).until(() -> !job.isAlive());

		assertThat(publisher.published).extracting(Published::type).containsExactly("status", "error", "done");
		assertThat(publisher.published.get(1).payload().get("code").asString()).isEqualTo("WORKER_STOPPED");
		assertThat(publisher.published.get(2).payload().get("status").asString()).isEqualTo("failed");
	}

	@Test
	void closesTheJobWithWorkerErrorWhenPublishingFails() {
		RecordingPublisher publisher = new RecordingPublisher(
				(type, attempt) -> type.equals("log") ? new IllegalStateException("Redis connection refused") : null);

		new JobScriptPlayer(publisher, 0).play(script(Duration.ZERO));

		assertThat(publisher.published).extracting(Published::type).containsExactly("status", "error", "done");
		assertThat(publisher.published.get(1).payload().get("code").asString()).isEqualTo("WORKER_ERROR");
	}

	@Test
	void stopsWhenTheLogRefusesTheJob() {
		RecordingPublisher publisher = new RecordingPublisher((type, attempt) -> type.equals("log")
				? new EventRejectedException(EventRejectedException.Reason.JOB_FINISHED, "job ended") : null);

		new JobScriptPlayer(publisher, 0).play(script(Duration.ZERO));

		assertThat(publisher.published).extracting(Published::type).containsExactly("status");
	}

	/** status, then a log line after {@code pause}, then done. */
	private static JobScript script(Duration pause) {
		return new JobScript("sim-test", JobKind.LLM_AGENT, List.of(
				new ScriptStep(Duration.ZERO, new JobEvent.Status("running", "llm_agent", "Started")),
				new ScriptStep(pause, new JobEvent.LogLine("info", "working", "agent", "plan")),
				new ScriptStep(Duration.ZERO, new JobEvent.Done(JobEvent.Done.SUCCEEDED))));
	}

	private record Published(String type, JsonNode payload) {
	}

	/** Records accepted events; {@code failures} decides, per type and attempt, what to throw instead. */
	private static final class RecordingPublisher implements EventPublisher {

		private final JsonMapper jsonMapper = JsonMapper.builder().build();

		private final BiFunction<String, Integer, RuntimeException> failures;

		private final List<Published> published = new CopyOnWriteArrayList<>();

		private int attempt;

		RecordingPublisher(BiFunction<String, Integer, RuntimeException> failures) {
			this.failures = failures;
		}

		@Override
		public synchronized EventEnvelope publish(String jobId, String type, Object payload) {
			RuntimeException failure = this.failures.apply(type, ++this.attempt);
			if (failure != null) {
				throw failure;
			}
			JsonNode tree = this.jsonMapper.valueToTree(payload);
			this.published.add(new Published(type, tree));
			return new EventEnvelope(EventEnvelope.jobStream(jobId), (long) this.published.size(), type, Instant.now(), tree);
		}

	}

}
