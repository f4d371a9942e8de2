package io.pneumatic.sim.presence;

import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import io.pneumatic.sim.HubStompClients;
import io.pneumatic.sim.SimSettings;
import io.pneumatic.sim.load.HubTokens;

/**
 * Presence-load mode: creates a public channel, lets {@code observers} clients watch
 * {@code /topic/presence.{channel}}, then has {@code clients} clients join it one after another at
 * {@code join-rate} (each by subscribing to the channel, which makes it present), and reports how long
 * each join took from the client's SUBSCRIBE to its {@code join} event at each observer: p50, p99, max.
 *
 * <p>Every client is a user of its own, with a token from the hub's development-only token endpoint
 * (the hub must run with its {@code dev} profile). Runs on the main thread and returns when done; the
 * exit code is {@value #EXIT_JOINS_MISSING} when some observer missed a join.
 */
@Component
@ConditionalOnProperty(prefix = "pneumatic.sim", name = "mode", havingValue = "presence-load")
final class PresenceLoadBenchmark implements ApplicationRunner, ExitCodeGenerator {

	/** The exit code of a run in which some observer did not see some join within the timeout. */
	static final int EXIT_JOINS_MISSING = 3;

	private static final Logger logger = LoggerFactory.getLogger(PresenceLoadBenchmark.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final URI hubUrl;

	private final URI httpUrl;

	private final SimSettings.PresenceLoad settings;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newHttpClient();

	private volatile int exitCode;

	PresenceLoadBenchmark(SimSettings settings, JsonMapper json) {
		this.hubUrl = settings.load().hubUrl();
		this.httpUrl = settings.load().httpUrl();
		this.settings = settings.presenceLoad();
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
		String channel = "bench-" + runId;
		int observers = this.settings.observers();
		int clients = this.settings.clients();
		HubTokens tokens = new HubTokens(this.httpUrl, null, this.json);
		List<String> tokenList = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<String>> futures = new ArrayList<>();
			for (int index = 0; index <= observers + clients; index++) {
				int i = index;
				futures.add(threads.submit(() -> tokens.tokenFor(runId, i)));
			}
			for (Future<String> future : futures) {
				tokenList.add(future.get());
			}
			rest("POST", "/api/v1/channels", tokenList.getFirst(), "{\"id\":\"" + channel
					+ "\",\"kind\":\"public\",\"max_members\":" + (observers + clients + 1) + "}");
			List<Future<JsonNode>> joins = new ArrayList<>();
			for (String token : tokenList.subList(1, tokenList.size())) {
				joins.add(threads.submit(() -> rest("POST", "/api/v1/channels/" + channel + "/join", token, "")));
			}
			for (Future<JsonNode> join : joins) {
				join.get();
			}
		}
		logger.info("event=presence_load_started run={} hub_url={} channel={} clients={} observers={} join_rate={}", runId,
				this.hubUrl, channel, clients, observers, this.settings.joinRate());
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setVirtualThreads(true);
		WebSocketStompClient stomp = HubStompClients.create(null);
		stomp.setTaskScheduler(scheduler);
		JoinTimes times = new JoinTimes();
		List<StompSession> sessions = new ArrayList<>();
		try {
			CountDownLatch watching = new CountDownLatch(observers);
			for (int observer = 1; observer <= observers; observer++) {
				StompSession session = connect(stomp, tokenList.get(observer));
				sessions.add(session);
				StompHeaders headers = new StompHeaders();
				headers.setDestination("/topic/presence." + channel);
				headers.setReceipt("watch-" + observer);
				session.subscribe(headers, new JoinObserver(times)).addReceiptTask(watching::countDown);
			}
			if (!watching.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("The observers' subscriptions were not confirmed within " + CONNECT_TIMEOUT);
			}
			List<StompSession> joiners = new ArrayList<>();
			for (int client = 0; client < clients; client++) {
				joiners.add(connect(stomp, tokenList.get(observers + 1 + client)));
			}
			sessions.addAll(joiners);
			long pause = TimeUnit.SECONDS.toNanos(1) / this.settings.joinRate();
			long next = System.nanoTime();
			for (int client = 0; client < clients; client++) {
				long wait = next - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(Duration.ofNanos(wait));
				}
				next += pause;
				times.started("load-" + runId + "-" + (observers + 1 + client), System.nanoTime());
				joiners.get(client).subscribe("/topic/channels." + channel, new IgnoredFrames());
			}
			long expected = (long) clients * observers;
			long deadline = System.nanoTime() + this.settings.timeout().toNanos();
			while (times.arrivals() < expected && System.nanoTime() - deadline < 0) {
				Thread.sleep(20);
			}
			report(channel, clients, observers, expected, times);
		}
		finally {
			sessions.forEach((session) -> {
				if (session.isConnected()) {
					session.disconnect();
				}
			});
			stomp.stop();
			scheduler.close();
		}
	}

	private void report(String channel, int clients, int observers, long expected, JoinTimes times) {
		long arrived = times.arrivals();
		Histogram histogram = times.histogram();
		if (arrived < expected) {
			this.exitCode = EXIT_JOINS_MISSING;
		}
		System.out.printf(Locale.ROOT, "presence-load channel=%s clients=%d observers=%d joins_expected=%d joins_seen=%d "
				+ "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", channel, clients, observers, expected, arrived,
				millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(99)),
				millis(histogram.getMaxValue()));
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	private StompSession connect(WebSocketStompClient stomp, String token) throws Exception {
		StompHeaders connectHeaders = new StompHeaders();
		connectHeaders.set("Authorization", "Bearer " + token);
		return stomp.connectAsync(this.hubUrl, new WebSocketHttpHeaders(), connectHeaders, new StompSessionHandlerAdapter() {
		}).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private JsonNode rest(String method, String path, String token, String body) throws Exception {
		String scheme = "wss".equals(this.hubUrl.getScheme()) ? "https" : "http";
		HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + this.hubUrl.getAuthority() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return this.json.readTree(response.body());
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** Records the arrival time of every {@code join} event an observer receives. */
	private final class JoinObserver implements StompFrameHandler {

		private final JoinTimes times;

		JoinObserver(JoinTimes times) {
			this.times = times;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			long now = System.nanoTime();
			JsonNode event = PresenceLoadBenchmark.this.json.readTree(new String((byte[]) payload, StandardCharsets.UTF_8));
			if ("join".equals(event.path("type").asString())) {
				this.times.arrived(event.path("payload").path("entity").path("id").asString(), now);
			}
		}

	}

	/** The joiners' own subscription: it makes them present; what arrives on it does not matter here. */
	private static final class IgnoredFrames implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
		}

	}

}
