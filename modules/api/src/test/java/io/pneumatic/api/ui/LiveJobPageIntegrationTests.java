package io.pneumatic.api.ui;

import io.pneumatic.api.testing.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live job page in a real browser: headless Chromium (frontend/e2e/live-job.e2e.mjs) opens the
 * UI served by the app, picks a job from the active list, gets its history by replay and then a live
 * event published after it subscribed.
 *
 * <p>Needs Node on the PATH, Chromium at /usr/bin/chromium (or {@code CHROMIUM_PATH}), and the built
 * UI on the classpath (the frontend module, not skipped).
 */
@HubIntegrationTest
class LiveJobPageIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(LiveJobPageIntegrationTests.class);

	private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

	private static final Path SCRIPT = Path.of("frontend", "e2e", "live-job.e2e.mjs");

	@LocalServerPort
	private int port;

	@Autowired
	private EventPublisher events;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final CompletableFuture<String> subscribed = new CompletableFuture<>();

	private Process script;

	@AfterEach
	void stopScript() {
		if (this.script != null && this.script.isAlive()) {
			this.script.destroyForcibly();
		}
	}

	@Test
	void pageShowsAJobsHistoryThenItsLiveEventsInOrder() throws Exception {
		assertThat(get("/")).as("the built UI at / (build the frontend module; do not skip it)").contains("id=\"root\"");
		String jobId = "ui-" + UUID.randomUUID().toString().substring(0, 8);
		publishHistory(jobId);
		long untilSeq = 9;

		this.script = startScript(jobId, untilSeq);
		String subscribedLine = this.subscribed.get(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		logger.info("event=page_subscribed job={} line=\"{}\"", jobId, subscribedLine);
		this.events.publish(jobId, "token", Map.of("text", " live", "index", 3));
		this.events.publish(jobId, "phase_complete", Map.of("phase_id", "generate", "status", "completed", "message", "Generated"));
		this.events.publish(jobId, "done", Map.of("status", "succeeded"));

		assertThat(this.script.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("e2e script finished in time").isTrue();
		assertThat(this.script.exitValue()).as("e2e script exit code; its output:%n%s", String.join("\n", this.output)).isZero();
		assertThat(this.output).anyMatch(line -> line.startsWith("OK job=" + jobId));
	}

	/** Seqs 1 to 6: what the page must get by replay. */
	private void publishHistory(String jobId) {
		this.events.publish(jobId, "status", Map.of("status", "running", "job_type", "llm_agent", "message", "Started"));
		this.events.publish(jobId, "phase_update", Map.of("phase_id", "generate", "status", "running", "message", "Generating",
				"processed_count", 0, "total_count", 4, "error_count", 0, "eta_seconds", 2));
		this.events.publish(jobId, "log", Map.of("level", "info", "message", "Streaming the answer", "component", "agent", "phase", "generate"));
		this.events.publish(jobId, "token", Map.of("text", "Hello", "index", 0));
		this.events.publish(jobId, "token", Map.of("text", " from", "index", 1));
		this.events.publish(jobId, "token", Map.of("text", " Pneumatic", "index", 2));
	}

	private Process startScript(String jobId, long untilSeq) throws IOException {
		Path repositoryRoot = repositoryRoot();
		ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString(), "--url", "http://localhost:" + this.port,
				"--job", jobId, "--until-seq", Long.toString(untilSeq), "--timeout-seconds", "60")
			.directory(repositoryRoot.toFile())
			.redirectErrorStream(true);
		logger.info("event=e2e_started command=\"{}\" directory={}", String.join(" ", builder.command()), repositoryRoot);
		Process process = builder.start();
		Thread.ofVirtual().name("e2e-output").start(() -> readOutput(process));
		return process;
	}

	private void readOutput(Process process) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				this.output.add(line);
				logger.info("e2e: {}", line);
				if (line.startsWith("SUBSCRIBED ")) {
					this.subscribed.complete(line);
				}
			}
			this.subscribed.completeExceptionally(new IllegalStateException(
					"e2e script ended before it subscribed; its output:\n" + String.join("\n", this.output)));
		}
		catch (IOException ex) {
			this.subscribed.completeExceptionally(new UncheckedIOException(ex));
		}
	}

	private String get(String path) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + TestTokens.moderator())
				.build();
			return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
	}

	/** The repository root: the nearest directory up from here that holds the e2e script. */
	private static Path repositoryRoot() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve(SCRIPT))) {
				return directory;
			}
		}
		throw new IllegalStateException("No " + SCRIPT + " above " + Path.of("").toAbsolutePath());
	}

}
