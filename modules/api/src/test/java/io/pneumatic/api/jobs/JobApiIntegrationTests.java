package io.pneumatic.api.jobs;

import io.pneumatic.api.testing.TestTokens;
import org.springframework.http.HttpHeaders;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventEnvelope;

import static io.pneumatic.api.jobs.TestEvents.event;
import static io.pneumatic.api.jobs.TestEvents.newJobId;
import static org.assertj.core.api.Assertions.assertThat;

@HubIntegrationTest
class JobApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JobEventRecorder recorder;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = RestClient.builder()
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.moderator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void showsAJobWithItsPhasesInOrderAndItsLatestLogs() throws Exception {
		String jobId = newJobId();
		List<EventEnvelope> events = new ArrayList<>();
		events.add(event(jobId, 1, "status", Map.of("status", "running", "job_type", "batch", "lane", "l1")));
		events.add(event(jobId, 2, "phase_complete", Map.of("phase_id", "extract")));
		events.add(event(jobId, 3, "phase_update", Map.of("phase_id", "load", "status", "running",
				"processed_count", 5, "total_count", 10, "error_count", 0, "eta_seconds", 7, "message", "loading")));
		for (long seq = 4; seq < 29; seq++) {
			events.add(event(jobId, seq, "log", Map.of("level", "info", "message", "line " + seq)));
		}
		this.recorder.consume(events);

		ResponseEntity<JsonNode> response = get("/jobs/" + jobId);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode job = response.getBody();
		assertThat(job.get("id").asString()).isEqualTo(jobId);
		assertThat(job.get("type").asString()).isEqualTo("batch");
		assertThat(job.get("status").asString()).isEqualTo("running");
		assertThat(job.get("lane").asString()).isEqualTo("l1");
		assertThat(job.get("last_seq").asLong()).isEqualTo(28);
		assertThat(job.get("created_at").asString()).isEqualTo("2026-11-24T10:00:01Z");
		assertThat(job.get("started_at").asString()).isEqualTo("2026-11-24T10:00:01Z");
		assertThat(job.get("finished_at").isNull()).isTrue();
		assertThat(job.get("phases").valueStream().map(phase -> phase.get("phase_id").asString()))
			.containsExactly("extract", "load");
		JsonNode load = job.get("phases").get(1);
		assertThat(load.get("processed_count").asLong()).isEqualTo(5);
		assertThat(load.get("total_count").asLong()).isEqualTo(10);
		assertThat(load.get("eta_seconds").asLong()).isEqualTo(7);
		assertThat(load.get("message").asString()).isEqualTo("loading");
		JsonNode logs = job.get("recent_logs");
		assertThat(logs.size()).isEqualTo(20);
		assertThat(logs.get(0).get("seq").asLong()).isEqualTo(9);
		assertThat(logs.get(19).get("seq").asLong()).isEqualTo(28);
		assertThat(logs.get(19).get("stream").asString()).isEqualTo("jobs." + jobId);
		assertThat(logs.get(19).get("payload").get("message").asString()).isEqualTo("line 28");
	}

	@Test
	void pagesThroughAJobsHistory() throws Exception {
		String jobId = newJobId();
		this.recorder.consume(List.of(event(jobId, 1, "status", Map.of("status", "running")),
				event(jobId, 2, "token", Map.of("text", "a")), event(jobId, 3, "token", Map.of("text", "b")),
				event(jobId, 4, "done", Map.of("status", "succeeded"))));

		JsonNode page = get("/jobs/" + jobId + "/events?after_seq=1&limit=2").getBody();

		assertThat(page.get("job_id").asString()).isEqualTo(jobId);
		assertThat(page.get("events").valueStream().map(e -> e.get("seq").asLong())).containsExactly(2L, 3L);
		assertThat(page.get("events").get(0).propertyNames()).containsExactlyInAnyOrder("stream", "seq", "type",
				"ts", "payload");
		assertThat(page.get("next_after_seq").asLong()).isEqualTo(3);
		JsonNode last = get("/jobs/" + jobId + "/events?after_seq=3").getBody();
		assertThat(last.get("events").valueStream().map(e -> e.get("type").asString())).containsExactly("done");
		assertThat(last.get("next_after_seq").asLong()).isEqualTo(4);
	}

	@Test
	void listsJobsByStatusAndTypeNewestFirst() throws Exception {
		String type = "type-" + UUID.randomUUID();
		String older = newJobId();
		String newer = newJobId();
		String finished = newJobId();
		this.recorder.consume(List.of(event(older, 1, "status", Map.of("status", "running", "job_type", type)),
				event(newer, 2, "status", Map.of("status", "running", "job_type", type)),
				event(finished, 1, "status", Map.of("status", "running", "job_type", type)),
				event(finished, 2, "done", Map.of("status", "succeeded"))));

		assertThat(ids(get("/jobs?type=" + type + "&status=running").getBody())).containsExactly(newer, older);
		assertThat(ids(get("/jobs?type=" + type + "&limit=1").getBody())).hasSize(1);
		assertThat(ids(get("/jobs?type=" + type + "&status=succeeded").getBody())).containsExactly(finished);
		List<String> active = ids(get("/jobs/active?limit=1000").getBody());
		assertThat(active).contains(older, newer).doesNotContain(finished);
	}

	@Test
	void answersAnUnknownJobWithA404Problem() {
		String jobId = newJobId();
		for (String path : List.of("/jobs/" + jobId, "/jobs/" + jobId + "/events")) {
			ResponseEntity<JsonNode> response = get(path);

			assertThat(response.getStatusCode().value()).isEqualTo(404);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			JsonNode problem = response.getBody();
			assertThat(problem.get("status").asInt()).isEqualTo(404);
			assertThat(problem.get("code").asString()).isEqualTo("JOB_NOT_FOUND");
			assertThat(problem.get("detail").asString()).contains(jobId);
			assertThat(problem.has("trace")).isFalse();
		}
	}

	@Test
	void answersBadParametersWithA400ProblemNamingThem() {
		Map<String, String> expected = Map.of("/jobs/j/events?limit=0", "limit",
				"/jobs/j/events?limit=1001", "limit",
				"/jobs/j/events?after_seq=-1", "after_seq",
				"/jobs/j/events?after_seq=abc", "after_seq",
				"/jobs/not%20valid!", "id",
				"/jobs?limit=0", "limit");
		expected.forEach((path, parameter) -> {
			ResponseEntity<JsonNode> response = get(path);

			assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
			JsonNode problem = response.getBody();
			assertThat(problem.get("code").asString()).as(path).isEqualTo("INVALID_REQUEST");
			assertThat(problem.get("detail").asString()).as(path).contains(parameter);
			assertThat(problem.has("trace")).isFalse();
		});
	}

	private ResponseEntity<JsonNode> get(String path) {
		// As given: the paths carry their own escapes.
		return this.http.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/api/v1" + path))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private static List<String> ids(JsonNode list) {
		return list.get("jobs").valueStream().map(job -> job.get("id").asString()).toList();
	}

}
