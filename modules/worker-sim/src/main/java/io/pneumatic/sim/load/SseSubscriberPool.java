package io.pneumatic.sim.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's SSE clients: one {@code GET /api/v1/jobs/{id}/stream} per subscriber over
 * {@code java.net.http}, each read line by line by a virtual thread of its own, as a browser's
 * {@code EventSource} would.
 *
 * <p>Each stream asks for everything after {@code Last-Event-ID} = the highest seq its subscriber
 * has seen (0 at first, so {@code replay_complete} confirms it). When a stream ends before its job's
 * {@code done} (the hub cut it off, the connection dropped), it reconnects after
 * {@link #RECONNECT_DELAY} with the new {@code Last-Event-ID}. At most {@code connect-concurrency}
 * streams are being opened at once.
 */
final class SseSubscriberPool implements SubscriberPool {

	private static final Logger logger = LoggerFactory.getLogger(SseSubscriberPool.class);

	static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	private final URI httpUrl;

	private final JsonMapper jsonMapper;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http;

	private final List<Stream> streams = new ArrayList<>();

	private final AtomicLong reconnects = new AtomicLong();

	private volatile boolean closing;

	/**
	 * @param httpUrl the hub's HTTP address, {@code http://host:port}
	 * @param tokens the bearer token of stream {@code index}
	 */
	SseSubscriberPool(URI httpUrl, List<LoadSubscription> subscriptions, IntFunction<String> tokens, JsonMapper jsonMapper) {
		this.httpUrl = httpUrl;
		this.jsonMapper = jsonMapper;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.executor(this.threads)
			.build();
		for (LoadSubscription subscription : subscriptions) {
			this.streams.add(new Stream(subscription, tokens.apply(this.streams.size())));
		}
	}

	@Override
	public void connect(int concurrency, Duration timeout) throws InterruptedException {
		Semaphore opening = new Semaphore(concurrency);
		List<CompletableFuture<Void>> opened = new ArrayList<>(this.streams.size());
		for (Stream stream : this.streams) {
			if (!opening.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Timed out opening SSE streams at " + this.httpUrl + " after "
						+ opened.size() + " of " + this.streams.size() + ": is the hub up?");
			}
			stream.opened.whenComplete((done, failure) -> opening.release());
			opened.add(stream.opened);
			this.threads.execute(stream::run);
		}
		try {
			CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not open an SSE stream at " + this.httpUrl + ": "
					+ ex.getCause().getMessage() + " (is the hub running there?)", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Timed out after " + timeout + " opening " + this.streams.size()
					+ " SSE streams at " + this.httpUrl, ex);
		}
		logger.info("event=sse_connected url={} streams={}", this.httpUrl, this.streams.size());
	}

	@Override
	public long reconnects() {
		return this.reconnects.get();
	}

	@Override
	public int size() {
		return this.streams.size();
	}

	@Override
	public void close() {
		this.closing = true;
		this.streams.forEach(Stream::close);
		this.http.shutdownNow();
		this.threads.shutdownNow();
	}

	/** One subscriber's stream, re-opened until its job is done or the pool closes. */
	private final class Stream {

		private final LoadSubscription subscription;

		private final String token;

		private final CompletableFuture<Void> opened = new CompletableFuture<>();

		private volatile @Nullable InputStream body;

		Stream(LoadSubscription subscription, String token) {
			this.subscription = subscription;
			this.token = token;
		}

		void run() {
			while (!SseSubscriberPool.this.closing && !this.subscription.finished()) {
				try {
					HttpResponse<InputStream> response = SseSubscriberPool.this.http.send(request(),
							HttpResponse.BodyHandlers.ofInputStream());
					if (response.statusCode() == 204) {
						this.opened.complete(null);
						return;
					}
					if (response.statusCode() != 200) {
						response.body().close();
						throw new IOException("GET " + request().uri() + " answered " + response.statusCode());
					}
					this.opened.complete(null);
					read(response.body());
				}
				catch (IOException ex) {
					if (!this.opened.isDone()) {
						this.opened.completeExceptionally(ex);
						return;
					}
					logger.debug("event=sse_stream_failed job={} error=\"{}\"", this.subscription.jobId(), ex.toString());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				if (SseSubscriberPool.this.closing || this.subscription.finished()) {
					return;
				}
				SseSubscriberPool.this.reconnects.incrementAndGet();
				logger.info("event=sse_reconnecting job={} last_event_id={}", this.subscription.jobId(),
						this.subscription.tally().highestSeq());
				try {
					Thread.sleep(RECONNECT_DELAY);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

		private HttpRequest request() {
			return HttpRequest
				.newBuilder(SseSubscriberPool.this.httpUrl.resolve("/api/v1/jobs/" + this.subscription.jobId() + "/stream"))
				.header("Accept", "text/event-stream")
				.header("Authorization", "Bearer " + this.token)
				.header("Last-Event-ID", Long.toString(this.subscription.tally().highestSeq()))
				.GET()
				.build();
		}

		/** Reads events until the stream ends; each {@code data:} line is one envelope. */
		private void read(InputStream stream) throws IOException {
			this.body = stream;
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("data:")) {
						SplitLatency.Arrival arrival = SplitLatency.Arrival.now();
						this.subscription.receive(SseSubscriberPool.this.jsonMapper.readTree(line.substring(5).strip()),
								arrival);
					}
				}
			}
		}

		void close() {
			InputStream current = this.body;
			if (current != null) {
				try {
					current.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}

	}

}
