package io.pneumatic.sim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the worker simulator ({@code pneumatic.sim.*}), validated at start-up.
 *
 * @param mode what to do: {@code demo} plays simulated jobs, works the queue and simulates the cluster
 *     fleet until stopped, {@code worker} only works the queue, {@code fleet} only simulates the fleet,
 *     {@code load} and {@code queue-load} run a benchmark and exit (short option {@code --mode})
 * @param demo settings of {@code demo} mode
 * @param load settings of {@code load} mode
 * @param queueLoad settings of {@code queue-load} mode
 * @param presenceLoad settings of {@code presence-load} mode
 * @param queue settings of the queue workers (modes {@code demo} and {@code worker}) and of the demo feeder
 * @param fleet settings of the cluster fleet simulation (modes {@code fleet} and {@code demo})
 */
@ConfigurationProperties("pneumatic.sim")
@Validated
public record SimSettings(
		@DefaultValue("demo") @NotNull(message = "must be demo, worker, fleet, load, queue-load or presence-load (--mode=demo|worker|fleet|load|queue-load|presence-load)") SimMode mode,
		@DefaultValue @Valid Demo demo,
		@DefaultValue @Valid Load load,
		@DefaultValue @Valid QueueLoad queueLoad,
		@DefaultValue @Valid PresenceLoad presenceLoad,
		@DefaultValue @Valid Queue queue,
		@DefaultValue @Valid Fleet fleet) {

	/**
	 * Settings of {@code demo} mode ({@code pneumatic.sim.demo.*}).
	 *
	 * @param jobInterval how often a new simulated job starts, when fewer than {@code maxConcurrentJobs} run
	 * @param maxConcurrentJobs how many simulated jobs run at once at most
	 * @param failureProbability the chance, from 0 to 1, that a job ends with {@code error} and
	 *     {@code done {status: failed}}
	 * @param maxJobs how many jobs to start before stopping; 0 runs until the process is stopped
	 * @param minTokensPerSecond the slowest LLM-style token (word) rate of a job
	 * @param maxTokensPerSecond the fastest LLM-style token (word) rate of a job
	 * @param timeScale how much the pauses between a job's events are stretched: 1 plays jobs in real
	 *     time, 0.1 ten times faster, 0 without pauses
	 */
	public record Demo(
			@DefaultValue("3s") @DurationMin(millis = 10, message = "must be at least 10ms: set pneumatic.sim.demo.job-interval, e.g. 3s") Duration jobInterval,
			@DefaultValue("5") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.demo.max-concurrent-jobs") @Max(value = 10_000, message = "must be at most 10000") int maxConcurrentJobs,
			@DefaultValue("0.15") @DecimalMin(value = "0", message = "must be between 0 and 1: set pneumatic.sim.demo.failure-probability, e.g. 0.15") @DecimalMax(value = "1", message = "must be between 0 and 1: set pneumatic.sim.demo.failure-probability, e.g. 0.15") double failureProbability,
			@DefaultValue("0") @Min(value = 0, message = "must be 0 (run until stopped) or more: set pneumatic.sim.demo.max-jobs") long maxJobs,
			@DefaultValue("20") @Min(value = 1, message = "must be at least 1 word per second") int minTokensPerSecond,
			@DefaultValue("50") @Min(value = 1, message = "must be at least 1 word per second") int maxTokensPerSecond,
			@DefaultValue("1") @DecimalMin(value = "0", message = "must not be negative: set pneumatic.sim.demo.time-scale, 1 for real time") double timeScale) {

		/** Whether the token rate range is the right way round. */
		@AssertTrue(message = "pneumatic.sim.demo.min-tokens-per-second must not exceed max-tokens-per-second")
		public boolean isTokenRateRangeOrdered() {
			return this.minTokensPerSecond <= this.maxTokensPerSecond;
		}

	}

	/**
	 * Settings of {@code load} mode ({@code pneumatic.sim.load.*}).
	 *
	 * @param hubUrl the hub's plain WebSocket STOMP endpoint (short option {@code --hub-url}); with the SSE
	 *     transport its host and port name the hub's HTTP side
	 * @param transport how subscribers receive events: {@code stomp} (default) or {@code sse}, one
	 *     {@code GET /api/v1/jobs/{id}/stream} per subscriber (short option {@code --transport})
	 * @param jobs how many jobs the events are spread over, round robin (short option {@code --jobs})
	 * @param rates the total publish rates in events per second, one benchmark step each, run in order
	 *     (short option {@code --rate=2000} or {@code --rate=100,200,500})
	 * @param subscribersPerJob how many STOMP subscribers watch each job (short option {@code --subscribers})
	 * @param subscribersPerConnection how many of those subscriptions share one STOMP connection;
	 *     1 gives every subscriber its own WebSocket, like browsers (SSE: always one HTTP stream each)
	 * @param stalledSubscribers extra STOMP subscribers, each on its own connection to one of the jobs (round
	 *     robin), that stop reading after their first message: what slow clients cost the others (short
	 *     option {@code --stalled}); none by default
	 * @param payloadBytes how many characters of padding each {@code token} event carries besides its text,
	 *     so that a stalled subscriber's socket fills within a run (short option {@code --payload-bytes});
	 *     none by default, at most 60,000 (the hub refuses payloads over 64 KiB)
	 * @param warmup how long each step publishes before latency is measured (short option {@code --warmup})
	 * @param duration how long each step measures after the warm-up (short option {@code --duration})
	 * @param drainTimeout how long to wait after a step for the last events to arrive
	 * @param subscribeTimeout how long to wait for every subscription to be confirmed
	 * @param publisherThreads how many virtual threads share the publish schedule
	 * @param connectConcurrency how many WebSocket handshakes run at once while connecting
	 * @param probeInterval how often, during each step's measurement window, the new-job probe starts a job
	 *     and measures its first token on a warm hub and client (STOMP only; 0s turns it off). Default: 200ms.
	 * @param token the bearer token of every STOMP connection (short option {@code --token}); by default each
	 *     connection gets its own from the hub's development-only token endpoint ({@code dev} profile)
	 * @param out where to write the results: {@code *.md} appends Markdown table rows, anything else
	 *     gets a JSON array (short option {@code --out}); none by default
	 */
	public record Load(
			@DefaultValue("ws://127.0.0.1:8080/ws/websocket") @NotNull URI hubUrl,
			@DefaultValue("stomp") @NotNull(message = "must be stomp or sse (--transport=stomp|sse)") Transport transport,
			@DefaultValue("10") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.load.jobs (--jobs)") int jobs,
			@DefaultValue("100") @NotEmpty(message = "must name at least one rate: --rate=2000 or --rate=100,200,500") List<@NotNull @Min(value = 1, message = "every rate must be at least 1 event per second") Integer> rates,
			@DefaultValue("1") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.load.subscribers-per-job (--subscribers)") int subscribersPerJob,
			@DefaultValue("1") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.load.subscribers-per-connection") int subscribersPerConnection,
			@DefaultValue("0") @Min(value = 0, message = "must not be negative: set pneumatic.sim.load.stalled-subscribers (--stalled)") int stalledSubscribers,
			@DefaultValue("0") @Min(value = 0, message = "must not be negative: set pneumatic.sim.load.payload-bytes (--payload-bytes)") @Max(value = 60_000, message = "must be at most 60000: the hub refuses payloads over 64 KiB") int payloadBytes,
			@DefaultValue("5s") @NotNull Duration warmup,
			@DefaultValue("30s") @DurationMin(seconds = 1, message = "must be at least 1s: set pneumatic.sim.load.duration (--duration)") Duration duration,
			@DefaultValue("10s") @NotNull Duration drainTimeout,
			@DefaultValue("60s") @DurationMin(seconds = 1, message = "must be at least 1s: set pneumatic.sim.load.subscribe-timeout") Duration subscribeTimeout,
			@DefaultValue("16") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.load.publisher-threads") int publisherThreads,
			@DefaultValue("32") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.load.connect-concurrency") int connectConcurrency,
			@DefaultValue("200ms") @NotNull Duration probeInterval,
			@Nullable String token,
			@Nullable Path out) {

		/** Whether the URL is a WebSocket URL. */
		@AssertTrue(message = "pneumatic.sim.load.hub-url must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:8080/ws/websocket")
		public boolean isHubUrlWebSocket() {
			return "ws".equals(this.hubUrl.getScheme()) || "wss".equals(this.hubUrl.getScheme());
		}

		/** Whether the warm-up is not negative. */
		@AssertTrue(message = "pneumatic.sim.load.warmup must not be negative (0s turns the warm-up off)")
		public boolean isWarmupNotNegative() {
			return !this.warmup.isNegative();
		}

		/** Whether the probe interval is not negative. */
		@AssertTrue(message = "pneumatic.sim.load.probe-interval must not be negative (0s turns the new-job probe off)")
		public boolean isProbeIntervalNotNegative() {
			return !this.probeInterval.isNegative();
		}

		/** Whether the new-job probe runs: over STOMP, with a probe interval. */
		public boolean probesNewJobs() {
			return this.transport == Transport.STOMP && !this.probeInterval.isZero();
		}

		/** The number of subscriptions over all jobs. */
		public int totalSubscribers() {
			return this.jobs * this.subscribersPerJob;
		}

		/** The hub's HTTP address ({@code http://host:port}), from {@link #hubUrl}. */
		public URI httpUrl() {
			String scheme = "wss".equals(this.hubUrl.getScheme()) ? "https" : "http";
			return URI.create(scheme + "://" + this.hubUrl.getAuthority());
		}

		/** How the load client's subscribers receive events. */
		public enum Transport {

			/** STOMP over plain WebSocket, {@code /topic/jobs.{jobId}} with {@code last-seq}. */
			STOMP,

			/** Server-Sent Events, {@code GET /api/v1/jobs/{jobId}/stream} with {@code Last-Event-ID}. */
			SSE

		}

	}

	/**
	 * Settings of {@code queue-load} mode ({@code pneumatic.sim.queue-load.*}).
	 *
	 * @param lanes the lane counts, one step each, run in order (short option {@code --lanes=1,100,10000})
	 * @param items how many items each step enqueues and completes (short option {@code --items})
	 * @param workers how many worker threads claim and complete (short option {@code --workers})
	 * @param claimBatch how many lanes a worker claims per call, at most 100 (short option {@code --claim-batch})
	 * @param producers how many threads enqueue, in batches of 100
	 * @param stepTimeout how long a step may take before it is reported as unfinished
	 * @param redeliveryLease the lease of the claims whose worker is "killed" to measure redelivery
	 * @param redeliveryRuns how many killed workers to measure (0 skips the measurement)
	 * @param redeliveryPoll how often the rescuing worker polls while waiting, as an idle worker would
	 */
	public record QueueLoad(
			@DefaultValue({ "1", "100", "10000" }) @NotEmpty(message = "must name at least one lane count: --lanes=1,100,10000") List<@NotNull @Min(value = 1, message = "every lane count must be at least 1") Integer> lanes,
			@DefaultValue("100000") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.queue-load.items (--items)") int items,
			@DefaultValue("8") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.queue-load.workers (--workers)") int workers,
			@DefaultValue("16") @Min(value = 1, message = "must be from 1 to 100: set pneumatic.sim.queue-load.claim-batch") @Max(value = 100, message = "must be from 1 to 100: set pneumatic.sim.queue-load.claim-batch") int claimBatch,
			@DefaultValue("2") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.queue-load.producers") int producers,
			@DefaultValue("120s") @DurationMin(seconds = 1, message = "must be at least 1s: set pneumatic.sim.queue-load.step-timeout") Duration stepTimeout,
			@DefaultValue("1s") @DurationMin(millis = 10, message = "must be at least 10ms: set pneumatic.sim.queue-load.redelivery-lease") Duration redeliveryLease,
			@DefaultValue("5") @Min(value = 0, message = "must be 0 or more: set pneumatic.sim.queue-load.redelivery-runs") int redeliveryRuns,
			@DefaultValue("10ms") @DurationMin(millis = 1, message = "must be at least 1ms: set pneumatic.sim.queue-load.redelivery-poll") Duration redeliveryPoll) {
	}

	/**
	 * Settings of {@code presence-load} mode ({@code pneumatic.sim.presence-load.*}), which talks to the hub at
	 * {@code pneumatic.sim.load.hub-url} with a token per client from the hub's development-only token endpoint.
	 *
	 * @param clients how many clients join the benchmark's channel, one after another (short option {@code --clients})
	 * @param observers how many clients watch the channel's presence and time every join (short option {@code --observers})
	 * @param joinRate how many clients join per second
	 * @param timeout how long to wait for the observers to see every join
	 */
	public record PresenceLoad(
			@DefaultValue("200") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.presence-load.clients (--clients)") int clients,
			@DefaultValue("5") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.presence-load.observers (--observers)") int observers,
			@DefaultValue("50") @Min(value = 1, message = "must be at least 1: set pneumatic.sim.presence-load.join-rate") int joinRate,
			@DefaultValue("30s") @DurationMin(seconds = 1, message = "must be at least 1s: set pneumatic.sim.presence-load.timeout") Duration timeout) {
	}

	/**
	 * Settings of the queue workers and the demo feeder ({@code pneumatic.sim.queue.*}): workers claim
	 * items from the queue engine in modes {@code demo} and {@code worker} and process each as a moderation
	 * job; in {@code demo} mode the feeder also enqueues sample topics, posts and messages.
	 *
	 * @param enabled whether workers claim and process queue items
	 * @param workers how many workers (virtual threads) claim and process items, one item each at a time
	 *     (short option {@code --queue-workers})
	 * @param pollInterval how long an idle worker waits before it claims again
	 * @param failureProbability the chance, from 0 to 1, that an attempt fails transiently: the item is
	 *     reported failed and the queue engine retries it after its backoff, or dead-letters it after its
	 *     last attempt
	 * @param flagProbability the chance, from 0 to 1, that screening flags content that contains no
	 *     tell-tale words (content with such words is always flagged)
	 * @param timeScale how much the pauses between a job's events are stretched: 1 in real time (an
	 *     item takes a few seconds), 0.1 ten times faster, 0 without pauses
	 * @param feedEnabled whether {@code demo} mode enqueues sample items
	 * @param feedInterval how often the demo feeder enqueues one sample item (short option {@code --feed-interval})
	 * @param topics how many demo topics receive posts ({@code posts_topic_demo-1}…)
	 * @param conversations how many demo conversations receive messages ({@code messages_conv_demo-1}…)
	 * @param presenceChannel the channel where the workers are online as agents while they run; empty for none
	 * @param capabilities what the workers announce they can do
	 */
	public record Queue(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("4") @Min(value = 1, message = "must be from 1 to 1000: set pneumatic.sim.queue.workers (--queue-workers)") @Max(value = 1000, message = "must be from 1 to 1000: set pneumatic.sim.queue.workers (--queue-workers)") int workers,
			@DefaultValue("200ms") @DurationMin(millis = 1, message = "must be at least 1ms: set pneumatic.sim.queue.poll-interval, e.g. 200ms") Duration pollInterval,
			@DefaultValue("0.1") @DecimalMin(value = "0", message = "must be between 0 and 1: set pneumatic.sim.queue.failure-probability, e.g. 0.1") @DecimalMax(value = "1", message = "must be between 0 and 1: set pneumatic.sim.queue.failure-probability, e.g. 0.1") double failureProbability,
			@DefaultValue("0.1") @DecimalMin(value = "0", message = "must be between 0 and 1: set pneumatic.sim.queue.flag-probability, e.g. 0.1") @DecimalMax(value = "1", message = "must be between 0 and 1: set pneumatic.sim.queue.flag-probability, e.g. 0.1") double flagProbability,
			@DefaultValue("1") @DecimalMin(value = "0", message = "must not be negative: set pneumatic.sim.queue.time-scale, 1 for real time") double timeScale,
			@DefaultValue("true") boolean feedEnabled,
			@DefaultValue("2s") @DurationMin(millis = 10, message = "must be at least 10ms: set pneumatic.sim.queue.feed-interval (--feed-interval), e.g. 2s") Duration feedInterval,
			@DefaultValue("3") @Min(value = 1, message = "must be from 1 to 1000: set pneumatic.sim.queue.topics") @Max(value = 1000, message = "must be from 1 to 1000: set pneumatic.sim.queue.topics") int topics,
			@DefaultValue("3") @Min(value = 1, message = "must be from 1 to 1000: set pneumatic.sim.queue.conversations") @Max(value = 1000, message = "must be from 1 to 1000: set pneumatic.sim.queue.conversations") int conversations,
			@DefaultValue("agents") @Pattern(regexp = "|[A-Za-z0-9_-]{1,64}", message = "must be a channel id of 1 to 64 characters of A-Z, a-z, 0-9, _ and -, or empty: set pneumatic.sim.queue.presence-channel") String presenceChannel,
			@DefaultValue({ "tos_screening", "commentary" }) List<@NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "every capability must be lower snake case") String> capabilities) {

	}

	/**
	 * Settings of the cluster fleet simulation ({@code pneumatic.sim.fleet.*}) in modes {@code fleet} and
	 * {@code demo}: every cluster's nodes, spread over its namespaces, report metrics and GPU telemetry each
	 * tick; incidents push metrics over their thresholds (alerts, some critical) and back.
	 *
	 * @param enabled whether {@code demo} mode simulates the fleet ({@code fleet} mode always does)
	 * @param clusters the cluster names
	 * @param namespaces the namespaces of every cluster; nodes are spread over them
	 * @param nodesPerCluster how many nodes each cluster has
	 * @param gpusPerNode how many GPUs each node has
	 * @param interval how often every node reports: the simulation's tick (short option {@code --fleet-interval})
	 * @param incidentProbability the chance per node and tick, from 0 to 1, that an incident starts and pushes
	 *     one of its metrics over its thresholds for a few ticks
	 * @param maxTicks how many ticks to run before stopping; 0 runs until the process is stopped
	 */
	public record Fleet(
			@DefaultValue("true") boolean enabled,
			@DefaultValue({ "prod-eu", "prod-us", "research" }) @NotEmpty(message = "must name at least one cluster: set pneumatic.sim.fleet.clusters") List<@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "every cluster name must be 1 to 64 characters of [A-Za-z0-9_-]") String> clusters,
			@DefaultValue({ "production", "staging", "training" }) @NotEmpty(message = "must name at least one namespace: set pneumatic.sim.fleet.namespaces") List<@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "every namespace must be 1 to 64 characters of [A-Za-z0-9_-]") String> namespaces,
			@DefaultValue("4") @Min(value = 1, message = "must be from 1 to 1000: set pneumatic.sim.fleet.nodes-per-cluster") @Max(value = 1000, message = "must be from 1 to 1000: set pneumatic.sim.fleet.nodes-per-cluster") int nodesPerCluster,
			@DefaultValue("2") @Min(value = 0, message = "must be from 0 to 16: set pneumatic.sim.fleet.gpus-per-node") @Max(value = 16, message = "must be from 0 to 16: set pneumatic.sim.fleet.gpus-per-node") int gpusPerNode,
			@DefaultValue("2s") @DurationMin(millis = 10, message = "must be at least 10ms: set pneumatic.sim.fleet.interval (--fleet-interval), e.g. 2s") Duration interval,
			@DefaultValue("0.03") @DecimalMin(value = "0", message = "must be between 0 and 1: set pneumatic.sim.fleet.incident-probability, e.g. 0.03") @DecimalMax(value = "1", message = "must be between 0 and 1: set pneumatic.sim.fleet.incident-probability, e.g. 0.03") double incidentProbability,
			@DefaultValue("0") @Min(value = 0, message = "must be 0 (run until stopped) or more: set pneumatic.sim.fleet.max-ticks") long maxTicks) {

	}

}
