package io.pneumatic.sim.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

import io.pneumatic.queue.DeadLetter;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.sim.testing.TestHub;
import io.pneumatic.sim.testing.TestHub.StoredEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue workers against real Redis (database 15): items claimed from the queue engine become jobs
 * whose events land in their streams, in order, lane by lane.
 */
class QueueWorkersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CLEAN_POST = "Totally agree, the trick is to start small.";

	private static TestHub hub;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void loadLibraries() {
		hub = new TestHub();
	}

	@AfterAll
	static void unloadLibraries() {
		hub.close();
	}

	@Test
	void processesItemsOfTwoLanesAsJobsEachLaneInOrder() {
		withWorkers(4, (item) -> false, (context, engine) -> {
			Lane posts = Lane.topicPosts("t" + this.run);
			Lane messages = Lane.conversationMessages("c" + this.run);
			List<String> postJobs = new ArrayList<>();
			List<String> messageJobs = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				postJobs.add(enqueue(engine, posts, "post", "p" + i, Map.of("topic_id", "t", "body", CLEAN_POST)));
				messageJobs.add(enqueue(engine, messages, "message", "m" + i, Map.of("conversation_id", "c", "body", "See you!")));
			}
			String flagged = enqueue(engine, posts, "post", "p4", Map.of("topic_id", "t", "body", "Buy now, click here!"));
			postJobs.add(flagged);
			Enqueued unnamed = engine.enqueue(new EnqueueRequest(messages, null, json(Map.of("body", "hi")),
					new ItemDetails("message", "demo-user-2", "demo-user-2", "hi", null)));
			messageJobs.add("q-" + unnamed.itemId());

			awaitDone(postJobs);
			awaitDone(messageJobs);

			for (String job : postJobs.subList(0, 3)) {
				assertPassedJob(hub.events(job), "post", posts);
			}
			for (String job : messageJobs) {
				assertPassedJob(hub.events(job), "message", messages);
			}
			assertThat(types(hub.events(flagged))).containsExactly("status", "tos_screening", "tos_screening",
					"tos_violation", "done");
			List<StoredEvent> flaggedEvents = hub.events(flagged);
			assertThat(flaggedEvents.get(2).text("status")).isEqualTo("flagged");
			assertThat(flaggedEvents.get(3).text("category")).isEqualTo("spam");
			assertThat(flaggedEvents.get(3).payload().get("risk_score").asInt()).isBetween(70, 100);
			assertThat(flaggedEvents.get(4).text("verdict")).isEqualTo("flagged");
			assertThat(hub.events(messageJobs.getLast()).getFirst().text("item_id")).isEqualTo(unnamed.itemId());

			assertLaneRanInOrder(postJobs);
			assertLaneRanInOrder(messageJobs);
			awaitLanesEmpty(engine, posts, messages);
		});
	}

	@Test
	void retriesAnAttemptThatFailedTransientlyAndKeepsTheLaneInOrder() {
		String failingJob = "j" + this.run + "-fails-once";
		withWorkers(2, (item) -> item.jobId().equals(failingJob) && item.attempt() == 1, (context, engine) -> {
			Lane lane = Lane.topicPosts("r" + this.run);
			String first = enqueue(engine, lane, "post", "fails-once", Map.of("topic_id", "r", "body", CLEAN_POST));
			String second = enqueue(engine, lane, "post", "after", Map.of("topic_id", "r", "body", CLEAN_POST));
			assertThat(first).isEqualTo(failingJob);

			awaitDone(List.of(first, second));

			List<StoredEvent> events = hub.events(first);
			List<StoredEvent> statuses = events.stream().filter((event) -> event.type().equals("status")).toList();
			assertThat(statuses).extracting((event) -> event.payload().get("attempt").asInt()).containsExactly(1, 2);
			StoredEvent warning = events.stream().filter((event) -> event.type().equals("log")).findFirst().orElseThrow();
			assertThat(warning.text("level")).isEqualTo("warn");
			assertThat(warning.seq()).isLessThan(statuses.get(1).seq());
			assertThat(types(events)).filteredOn("done"::equals).hasSize(1);
			assertThat(events.getLast().text("status")).isEqualTo("succeeded");
			assertPassedJob(hub.events(second), "post", lane);
			assertLaneRanInOrder(List.of(first, second));
		});
	}

	@Test
	void completesARedeliveredItemOfAFinishedJobWithoutNewEvents() {
		withWorkers(2, (item) -> false, (context, engine) -> {
			EventPublisher publisher = context.getBean(EventPublisher.class);
			String finished = "j" + this.run + "-finished";
			publisher.publish(finished, "status", Map.of("status", "running"));
			publisher.publish(finished, "done", Map.of("status", "succeeded"));
			Lane lane = Lane.conversationMessages("f" + this.run);
			Enqueued redelivered = engine.enqueue(new EnqueueRequest(lane, null, json(Map.of("body", CLEAN_POST)),
					new ItemDetails("message", "demo-user-1", "demo-user-1", null, finished)));
			String next = enqueue(engine, lane, "message", "next", Map.of("body", CLEAN_POST));

			awaitDone(List.of(next));
			awaitLanesEmpty(engine, lane);

			assertThat(types(hub.events(finished))).containsExactly("status", "done");
			assertThat(engine.deadLetters(0, 100).items()).extracting(DeadLetter::itemId).doesNotContain(redelivered.itemId());
			assertPassedJob(hub.events(next), "message", lane);
		});
	}

	@Test
	void endsTheJobAsFailedWhenItsItemIsDeadLettered() {
		hub.contextRunner()
			.withPropertyValues("pneumatic.queue.max-attempts=2", "pneumatic.queue.backoff-base=20ms",
					"pneumatic.queue.backoff-max=50ms")
			.run((context) -> {
				QueueEngine engine = context.getBean(QueueEngine.class);
				QueueWorkers workers = workers(context, 1, (item) -> true, 0.01);
				workers.start();
				try {
					Lane lane = Lane.of("dl-" + this.run);
					String job = enqueue(engine, lane, "translate", "always-fails", Map.of("text", "bonjour"));

					awaitDone(List.of(job));

					List<StoredEvent> events = hub.events(job);
					assertThat(events.get(events.size() - 2).text("code")).isEqualTo("DEAD_LETTERED");
					assertThat(events.getLast().text("status")).isEqualTo("failed");
					assertThat(events.getLast().text("error")).contains("Gave up after the last attempt");
					assertThat(events).filteredOn((event) -> event.type().equals("status")).hasSize(2);
					assertThat(engine.deadLetters(0, 100).items()).extracting(DeadLetter::lane).contains(lane);
				}
				finally {
					workers.stop();
				}
			});
	}

	@Test
	void heartbeatsKeepASlowItemLeasedUntilItIsDone() {
		hub.contextRunner().withPropertyValues("pneumatic.queue.lease=300ms").run((context) -> {
			QueueEngine engine = context.getBean(QueueEngine.class);
			// 0.85 s to 2.5 s per item in real time, more than three leases: without heartbeats it would be handed out again
			QueueWorkers workers = workers(context, 2, (item) -> false, 1.0);
			workers.start();
			try {
				String job = enqueue(engine, Lane.of("slow-" + this.run), "post", "slow",
						Map.of("topic_id", "s", "body", CLEAN_POST));

				awaitDone(List.of(job));

				List<StoredEvent> events = hub.events(job);
				assertThat(events.getLast().ts()).isAfter(events.getFirst().ts().plusMillis(600));
				assertThat(events).filteredOn((event) -> event.type().equals("status")).hasSize(1);
				assertPassedJob(events, "post", Lane.of("slow-" + this.run));
			}
			finally {
				workers.stop();
			}
		});
	}

	private void withWorkers(int count, TransientFailures failures, ContextTest test) {
		hub.contextRunner()
			.withPropertyValues("pneumatic.queue.backoff-base=20ms", "pneumatic.queue.backoff-max=100ms")
			.run((context) -> {
				QueueWorkers workers = workers(context, count, failures, 0.01);
				workers.start();
				try {
					test.run(context, context.getBean(QueueEngine.class));
				}
				finally {
					workers.stop();
				}
			});
	}

	private static QueueWorkers workers(ApplicationContext context, int count, TransientFailures failures, double timeScale) {
		WorkerOptions options = new WorkerOptions(count, Duration.ofMillis(20), failures, 0.0, timeScale, 20, 50);
		return new QueueWorkers(context.getBean(QueueEngine.class), context.getBean(EventPublisher.class),
				context.getBean(JsonMapper.class), options);
	}

	private String enqueue(QueueEngine engine, Lane lane, String contentType, String name, Map<String, Object> params) {
		String jobId = "j" + this.run + "-" + name;
		engine.enqueue(new EnqueueRequest(lane, null, json(params),
				new ItemDetails(contentType, "demo-user-1", null, "preview of " + name, jobId)));
		return jobId;
	}

	private static void assertPassedJob(List<StoredEvent> events, String contentType, Lane lane) {
		List<String> types = types(events);
		assertThat(types.subList(0, 3)).containsExactly("status", "tos_screening", "tos_screening");
		assertThat(types.subList(3, types.size() - 2)).isNotEmpty().containsOnly("token");
		assertThat(types.subList(types.size() - 2, types.size())).containsExactly("commentary", "done");
		assertThat(events).extracting(StoredEvent::seq)
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());

		StoredEvent status = events.getFirst();
		assertThat(status.text("status")).isEqualTo("running");
		assertThat(status.text("job_type")).isEqualTo(contentType);
		assertThat(status.text("lane")).isEqualTo(lane.name());
		assertThat(status.text("owner")).startsWith("demo-user-");
		assertThat(status.text("item_id")).isNotBlank();
		assertThat(events.get(1).text("status")).isEqualTo("screening");
		assertThat(events.get(2).text("status")).isEqualTo("passed");
		assertThat(events.get(2).payload().get("risk_score").asInt()).isBetween(0, 69);
		String streamed = String.join("", events.subList(3, events.size() - 2).stream().map((e) -> e.text("text")).toList());
		assertThat(events.get(events.size() - 2).text("text")).isEqualTo(streamed);
		assertThat(events.get(events.size() - 2).text("persona")).isNotBlank();
		assertThat(events.getLast().text("status")).isEqualTo("succeeded");
	}

	/** Each job of a lane started after the one before it was done: one in flight at a time, in enqueue order. */
	private static void assertLaneRanInOrder(List<String> jobsInEnqueueOrder) {
		for (int i = 1; i < jobsInEnqueueOrder.size(); i++) {
			StoredEvent previousDone = hub.events(jobsInEnqueueOrder.get(i - 1)).getLast();
			StoredEvent nextStart = hub.events(jobsInEnqueueOrder.get(i)).getFirst();
			assertThat(previousDone.type()).isEqualTo("done");
			assertThat(nextStart.ts()).as("%s starts after %s is done", jobsInEnqueueOrder.get(i), jobsInEnqueueOrder.get(i - 1))
				.isAfterOrEqualTo(previousDone.ts());
		}
	}

	private static void awaitDone(List<String> jobs) {
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			for (String job : jobs) {
				List<StoredEvent> events = hub.events(job);
				assertThat(events).as("events of %s", job).isNotEmpty();
				assertThat(events.getLast().type()).as("last event of %s", job).isEqualTo("done");
			}
		});
	}

	private static void awaitLanesEmpty(QueueEngine engine, Lane... lanes) {
		List<Lane> ours = List.of(lanes);
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(engine.snapshot().lanes())
				.filteredOn((lane) -> ours.contains(lane.lane()))
				.allSatisfy((lane) -> assertThat(lane.length()).isZero()));
	}

	private static List<String> types(List<StoredEvent> events) {
		return events.stream().map(StoredEvent::type).toList();
	}

	private static String json(Map<String, Object> params) {
		return JsonMapper.builder().build().writeValueAsString(params);
	}

	@FunctionalInterface
	private interface ContextTest {

		void run(ApplicationContext context, QueueEngine engine);

	}

}
