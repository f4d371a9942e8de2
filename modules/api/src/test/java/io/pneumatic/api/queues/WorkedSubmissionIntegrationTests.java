package io.pneumatic.api.queues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole flow: a post submitted over REST waits in its topic's lane, a worker-sim worker (its own
 * process, on the same Redis) claims it and streams its screening and commentary as job events,
 * and the author watches them live over STOMP, then finds the job finished over REST.
 */
@HubIntegrationTest
class WorkedSubmissionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Test
	void aPostSubmittedOverRestIsScreenedByAWorkerAndItsAuthorWatchesItLive() throws Exception {
		String alice = TestTokens.of("alice", "citizen");
		RestClient http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/api/v1")
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
			.build();
		JsonNode accepted = http.post()
			.uri("/topics/worked/posts")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"body\":\"Pneumatic tubes deserve a comeback\"}")
			.retrieve()
			.body(JsonNode.class);
		String jobId = accepted.get("job_id").asString();

		Process worker = startWorker();
		try (StompTestClient author = StompTestClient.webSocket(this.port).withToken(alice).subscribeToJob(jobId, 0L)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(types(author)).contains("done"));
			List<JsonNode> events = jobEvents(author);
			assertThat(events.stream().map((event) -> event.get("type").asString()).toList()).startsWith("status")
				.containsSubsequence("status", "tos_screening", "tos_screening", "token", "commentary", "done");
			assertThat(events.getFirst().at("/payload/owner").asString()).isEqualTo("alice");
			assertThat(events.getFirst().at("/payload/lane").asString()).isEqualTo("posts_topic_worked");
			author.assertExactly(1, events.size());
		}
		finally {
			worker.destroy();
			worker.waitFor(10, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(
				() -> assertThat(http.get().uri("/jobs/" + jobId).retrieve().body(JsonNode.class).get("status").asString())
					.isEqualTo("succeeded"));
	}

	/** worker-sim's executable jar in worker mode, as its own process (the reactor builds it before api). */
	private Process startWorker() throws IOException {
		Path jar;
		try (Stream<Path> built = Files.list(Path.of("..", "worker-sim", "target"))) {
			jar = built.filter((path) -> path.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("build modules/worker-sim first: no *-exec.jar in its target"));
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--mode=worker",
				"--pneumatic.sim.queue.workers=1", "--pneumatic.sim.queue.failure-probability=0",
				"--pneumatic.sim.queue.flag-probability=0", "--pneumatic.sim.queue.time-scale=0",
				"--pneumatic.sim.queue.poll-interval=50ms"));
		for (String key : List.of("spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.database")) {
			if (this.environment.containsProperty(key)) {
				command.add("--" + key + "=" + this.environment.getProperty(key));
			}
		}
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", "worker-sim-worked-submission.log").toFile())
			.start();
	}

	private static List<String> types(StompTestClient client) {
		return client.received().stream().map((event) -> event.get("type").asString()).toList();
	}

	/** The job's events, control events (replay_complete) left out. */
	private static List<JsonNode> jobEvents(StompTestClient client) {
		return client.received().stream().filter((event) -> !event.get("seq").isNull()).toList();
	}

}
