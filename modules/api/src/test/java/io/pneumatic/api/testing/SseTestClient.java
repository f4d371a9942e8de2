package io.pneumatic.api.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Server-Sent Events client of a job stream over real HTTP ({@code java.net.http}), reading the
 * stream as a browser's {@code EventSource} would: {@code id:} and {@code data:} fields, events ended
 * by a blank line, comments kept apart. It does not reconnect by itself: tests resume explicitly.
 *
 * <pre>{@code
 * try (SseTestClient client = SseTestClient.open(port, jobId, token, 0L)) { client.assertExactly(1, 50); }
 * }</pre>
 */
public final class SseTestClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * One event as received.
	 * @param id its {@code id:} field, {@code null} without one
	 * @param data its {@code data:} field, the envelope
	 */
	public record SseEvent(@Nullable String id, JsonNode data) {

		public String type() {
			return this.data.get("type").asString();
		}

	}

	private final HttpClient http;

	private final HttpResponse<InputStream> response;

	private final List<SseEvent> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private final CountDownLatch reading;

	private volatile boolean ended;

	private SseTestClient(HttpClient http, HttpResponse<InputStream> response, boolean paused) {
		this.http = http;
		this.response = response;
		this.reading = new CountDownLatch(paused ? 1 : 0);
		this.reader = Thread.ofVirtual().name("sse-test-client").start(this::read);
	}

	/**
	 * Opens a job's stream as the given user, with a {@code Last-Event-ID} header when
	 * {@code lastEventId} is not {@code null}; waits for the response headers.
	 */
	public static SseTestClient open(int port, String jobId, String token, @Nullable Long lastEventId) throws Exception {
		return openPath(port, "/api/v1/jobs/" + jobId + "/stream", token, lastEventId);
	}

	/**
	 * Opens {@code path} (with its query) like {@link #open(int, String, String, Long)}; without a
	 * {@code token} no {@code Authorization} header is sent.
	 */
	public static SseTestClient openPath(int port, String path, @Nullable String token, @Nullable Long lastEventId)
			throws Exception {
		return open(port, path, token, lastEventId, false);
	}

	/**
	 * Opens a job's stream from its start but reads nothing until {@link #startReading()}: a slow
	 * client, whose socket buffers fill up.
	 */
	public static SseTestClient openPaused(int port, String jobId, String token) throws Exception {
		return open(port, "/api/v1/jobs/" + jobId + "/stream", token, 0L, true);
	}

	private static SseTestClient open(int port, String path, @Nullable String token, @Nullable Long lastEventId,
			boolean paused) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "text/event-stream");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (lastEventId != null) {
			request.header("Last-Event-ID", Long.toString(lastEventId));
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return new SseTestClient(http, http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()), paused);
	}

	/** Lets a client opened {@linkplain #openPaused paused} read. */
	public void startReading() {
		this.reading.countDown();
	}

	private void read() {
		try {
			this.reading.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			StringBuilder data = null;
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new SseEvent(id, json.readTree(data.toString())));
					}
					id = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).trim());
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("data:")) {
					data = (data == null) ? new StringBuilder() : data.append('\n');
					data.append(line.substring(5).stripLeading());
				}
			}
		}
		catch (IOException ex) {
			// closed by the test
		}
		finally {
			this.ended = true;
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public HttpHeaders headers() {
		return this.response.headers();
	}

	/** Every event received, in arrival order. */
	public List<SseEvent> events() {
		return this.events;
	}

	/** The comments received ({@code keepalive}…), in arrival order. */
	public List<String> comments() {
		return this.comments;
	}

	/** The sequence numbers of the received job events, control events left out. */
	public List<Long> seqs() {
		List<Long> seqs = new ArrayList<>();
		for (SseEvent event : this.events) {
			JsonNode seq = event.data().get("seq");
			if (seq != null && !seq.isNull()) {
				seqs.add(seq.asLong());
			}
		}
		return seqs;
	}

	/** The id of the last event that had one: what a browser sends as {@code Last-Event-ID} on reconnect. */
	public long lastEventId() {
		for (SseEvent event : this.events.reversed()) {
			if (event.id() != null) {
				return Long.parseLong(event.id());
			}
		}
		throw new AssertionError("no event with an id was received");
	}

	/** Waits until the client received job events up to {@code seq}. */
	public void awaitSeq(long seq) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(seqs()).contains(seq));
	}

	/** Waits until an event of {@code type} arrived. */
	public void awaitType(String type) {
		await().atMost(WAIT).until(() -> this.events.stream().anyMatch(event -> event.type().equals(type)));
	}

	/** Asserts the client received exactly {@code from..to}, in order, each once, each with {@code id} = its seq. */
	public void assertExactly(long from, long to) {
		awaitSeq(to);
		List<Long> expected = new ArrayList<>();
		for (long s = from; s <= to; s++) {
			expected.add(s);
		}
		assertThat(seqs()).containsExactlyElementsOf(expected);
		this.events.stream()
			.filter(event -> event.data().hasNonNull("seq"))
			.forEach(event -> assertThat(event.id()).isEqualTo(event.data().get("seq").asString()));
	}

	/** Waits until the hub ended the stream. */
	public void awaitEnded() {
		await().atMost(WAIT).until(() -> this.ended);
	}

	public boolean hasEnded() {
		return this.ended;
	}

	@Override
	public void close() throws Exception {
		this.reading.countDown();
		this.response.body().close();
		this.http.shutdownNow();
		this.reader.join(WAIT);
	}

}
