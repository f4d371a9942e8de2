package io.pneumatic.api.streaming;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.pneumatic.realtime.ConnectedClient;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.StreamingClients;
import io.pneumatic.realtime.SystemBroadcast;
import io.pneumatic.realtime.UndeliveredEvent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What operators see of the streaming side of this instance: its status, its clients with their
 * subscriptions and lag (admins), subscription statistics, and critical events no client acknowledged.
 * Each instance answers for its own connections; undelivered events are shared by all.
 */
@RestController
@RequestMapping("/api/v1/streaming")
@Validated
class StreamingController {

	private static final String JOB_DESTINATION = "/topic/jobs.";

	/** The largest broadcast payload, as for events. */
	private static final int MAX_PAYLOAD_BYTES = 64 * 1024;

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final String HUB_TYPE = "system_status";

	private final StreamingClients clients;

	private final EventLog eventLog;

	private final SystemBroadcast broadcast;

	private final JsonMapper json;

	StreamingController(StreamingClients clients, EventLog eventLog, SystemBroadcast broadcast, JsonMapper json) {
		this.clients = clients;
		this.eventLog = eventLog;
		this.broadcast = broadcast;
		this.json = json;
	}

	/** Workers (and admins) tell every authenticated client something on {@code /topic/system}. */
	@PostMapping("/broadcast")
	@ResponseStatus(HttpStatus.ACCEPTED)
	EventEnvelope broadcast(@RequestBody BroadcastRequest request) {
		if (request.type() == null || !TYPE.matcher(request.type()).matches() || HUB_TYPE.equals(request.type())) {
			throw new BroadcastRejectedException(
					"type must be 1 to 64 characters of lower snake case, and not " + HUB_TYPE + " (the hub's own)");
		}
		if (request.payload() == null || !request.payload().isObject()) {
			throw new BroadcastRejectedException("payload must be a JSON object");
		}
		if (this.json.writeValueAsBytes(request.payload()).length > MAX_PAYLOAD_BYTES) {
			throw new BroadcastRejectedException("payload must be at most " + MAX_PAYLOAD_BYTES + " bytes of JSON");
		}
		return this.broadcast.broadcast(request.type(), request.payload());
	}

	@GetMapping("/status")
	StreamingStatus status() {
		List<ConnectedClient> connected = this.clients.clients();
		return new StreamingStatus(this.clients.instanceId(), connected.size(),
				connected.stream().mapToInt((client) -> client.subscriptions().size()).sum(),
				connected.stream().mapToLong(ConnectedClient::messagesSent).sum(),
				connected.stream().mapToLong(ConnectedClient::messagesDropped).sum(),
				connected.stream().mapToInt(ConnectedClient::queued).sum(),
				connected.stream().mapToInt(ConnectedClient::awaitingAck).sum());
	}

	@GetMapping("/clients")
	ClientList clients() {
		Map<String, Long> heads = new TreeMap<>();
		List<ClientView> views = this.clients.clients()
			.stream()
			.map((client) -> ClientView.of(client, (subscription) -> lag(subscription, heads)))
			.toList();
		return new ClientList(this.clients.instanceId(), views);
	}

	@GetMapping("/subscriptions")
	SubscriptionStatistics subscriptions() {
		List<ConnectedClient.Subscription> all = this.clients.clients()
			.stream()
			.flatMap((client) -> client.subscriptions().stream())
			.toList();
		Map<String, Long> byFamily = all.stream()
			.collect(Collectors.groupingBy((subscription) -> family(subscription.destination()), TreeMap::new,
					Collectors.counting()));
		List<DestinationCount> busiest = all.stream()
			.collect(Collectors.groupingBy(ConnectedClient.Subscription::destination, Collectors.counting()))
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
			.limit(20)
			.map((entry) -> new DestinationCount(entry.getKey(), entry.getValue()))
			.toList();
		return new SubscriptionStatistics(this.clients.instanceId(), all.size(), byFamily, busiest);
	}

	@GetMapping("/undelivered")
	List<UndeliveredEvent> undelivered(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.clients.undelivered(limit);
	}

	/** Events of the job's stream not yet written to the subscription; null outside job streams. */
	private @Nullable Long lag(ConnectedClient.Subscription subscription, Map<String, Long> heads) {
		if (!subscription.destination().startsWith(JOB_DESTINATION)) {
			return null;
		}
		String jobId = subscription.destination().substring(JOB_DESTINATION.length());
		long head = heads.computeIfAbsent(jobId, this.eventLog::headSeq);
		long delivered = (subscription.deliveredSeq() != null) ? subscription.deliveredSeq() : 0;
		return Math.max(0, head - delivered);
	}

	private static String family(String destination) {
		String name = destination.startsWith("/topic/") ? destination.substring("/topic/".length()) : destination;
		int dot = name.indexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	/**
	 * @param type the message type, lower snake case
	 * @param payload a JSON object
	 */
	record BroadcastRequest(@Nullable String type, @Nullable JsonNode payload) {
	}

	/**
	 * @param instance this instance's id
	 * @param connections STOMP connections open on it
	 * @param subscriptions their subscriptions
	 * @param messagesSent MESSAGE frames written to them
	 * @param messagesDropped telemetry frames dropped for slow clients
	 * @param queued frames waiting to be written now
	 * @param awaitingAck critical events not acknowledged yet
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record StreamingStatus(String instance, int connections, int subscriptions, long messagesSent, long messagesDropped,
			int queued, int awaitingAck) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record ClientList(String instance, List<ClientView> clients) {
	}

	/**
	 * A client with the lag of each of its job subscriptions (events of the stream not written to it yet).
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record ClientView(String sessionId, String userId, String connectedAt, long messagesSent, long messagesDropped,
			int queued, int awaitingAck, List<SubscriptionView> subscriptions) {

		static ClientView of(ConnectedClient client, Function<ConnectedClient.Subscription, @Nullable Long> lag) {
			List<SubscriptionView> subscriptions = client.subscriptions()
				.stream()
				.map((subscription) -> new SubscriptionView(subscription.id(), subscription.destination(),
						subscription.deliveredSeq(), lag.apply(subscription)))
				.toList();
			return new ClientView(client.sessionId(), client.userId(), client.connectedAt().toString(),
					client.messagesSent(), client.messagesDropped(), client.queued(), client.awaitingAck(), subscriptions);
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record SubscriptionView(String id, String destination, @Nullable Long deliveredSeq, @Nullable Long lag) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record SubscriptionStatistics(String instance, int subscriptions, Map<String, Long> byFamily,
			List<DestinationCount> busiest) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record DestinationCount(String destination, long subscribers) {
	}

}
