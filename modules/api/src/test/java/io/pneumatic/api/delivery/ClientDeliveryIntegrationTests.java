package io.pneumatic.api.delivery;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.HubReadiness;
import io.pneumatic.api.testing.RawStompSocket;
import io.pneumatic.api.testing.StalledWebSocket;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.StreamingClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client costs the others and how the hub treats it: slow readers, critical events that need
 * an acknowledgement, compression and the delivery metrics.
 */
@HubIntegrationTest(properties = { "pneumatic.delivery.queue-size=20", "pneumatic.delivery.send-buffer-size=256KB",
		"pneumatic.delivery.send-time-limit=8s", "pneumatic.delivery.ack-timeout=300ms",
		"pneumatic.delivery.ack-attempts=3" })
class ClientDeliveryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Pattern SEQ = Pattern.compile("\nseq:(\\d+)\n");

	private static final Pattern ACK_ID = Pattern.compile("\nack-id:([^\n]+)\n");

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StreamingClients clients;

	@Autowired
	@Qualifier("brokerMessagingTemplate")
	SimpMessageSendingOperations broker;

	@BeforeEach
	void hubIsReady() {
		HubReadiness.awaitReady(this.port);
	}

	// Backpressure

	@Test
	void aClientThatStopsReadingIsCutOffWhileAnotherKeepsItsStreamAndItResumesByReplay() throws Exception {
		String job = newJob();
		double cutOffBefore = cutOff();
		try (StompTestClient fast = StompTestClient.webSocket(this.port).connect().subscribeToJob(job, 0L);
				StalledWebSocket slow = StalledWebSocket.subscribe(this.port, TestTokens.moderator(), "/topic/jobs." + job)) {
			String text = "x".repeat(16_000);
			long published = 0;
			while (cutOff() == cutOffBefore && published < 2000) {
				for (int i = 0; i < 10; i++) {
					this.publisher.publish(job, "token", Map.of("text", text));
				}
				published += 10;
				// Keeping pace with the client that reads: it would stall if the stalled one held it up,
				// and the reading one never lags far enough to be cut off itself on a busy machine.
				fast.awaitSeq(published);
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(cutOff())
				.as("the slow client was cut off; clients: %s", this.clients.clients()).isGreaterThan(cutOffBefore));
			long last = published;
			await().atMost(WAIT).untilAsserted(() -> fast.assertExactly(1, last));
			assertThat(slow.drainUntilClosed(WAIT)).as("the hub closed the slow client's socket").isTrue();
			try (StompTestClient resumed = StompTestClient.webSocket(this.port).connect().subscribeToJob(job, 0L)) {
				await().atMost(WAIT).untilAsserted(() -> resumed.assertExactly(1, last));
			}
		}
	}

	/**
	 * Connections the hub ended for slowness: cut off when they could not keep up (usually), or when
	 * the container gave up on a write to them first.
	 */
	private double cutOff() {
		return count("ws.disconnects", "reason", "slow_consumer") + count("ws.disconnects", "reason", "send_failed");
	}

	@Test
	void opsTelemetryForASlowClientIsDroppedOldestFirstAndCountedWithoutCuttingItOff() throws Exception {
		String destination = "/topic/ops.c" + UUID.randomUUID().toString().substring(0, 8) + ".production.metric_update";
		double droppedBefore = count("ws.events.dropped", "family", "ops");
		try (RawStompSocket slow = RawStompSocket.connect(this.port, TestTokens.of("olga", "operator"))) {
			slow.subscribe("ops", destination);
			slow.stopReading();
			String value = "y".repeat(16_000);
			int sent = 0;
			while (count("ws.events.dropped", "family", "ops") == droppedBefore && sent < 1000) {
				for (int i = 0; i < 50; i++) {
					this.broker.convertAndSend(destination, (Object) Map.of("n", sent + i, "value", value));
				}
				sent += 50;
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(count("ws.events.dropped", "family", "ops"))
				.isGreaterThan(droppedBefore));
			this.broker.convertAndSend(destination, (Object) Map.of("n", "last"));
			slow.resumeReading();
			slow.awaitFrame("MESSAGE", WAIT);
			await().atMost(WAIT).until(() -> slow.frames().stream().anyMatch((frame) -> frame.contains("\"n\":\"last\"")));
			slow.assertOpen();
			List<Integer> numbers = new ArrayList<>();
			for (String frame : slow.frames()) {
				Matcher n = Pattern.compile("\"n\":(\\d+)").matcher(frame);
				if (n.find()) {
					numbers.add(Integer.parseInt(n.group(1)));
				}
			}
			assertThat(numbers).as("what got through is in order").isSorted();
			assertThat(numbers.size()).as("some were dropped").isLessThan(sent);
		}
	}

	// Acknowledged delivery

	@Test
	void aCriticalEventIsRedeliveredUntilAcknowledgedAndRecordedWhenItNeverIs() throws Exception {
		String job = newJob();
		try (RawStompSocket client = RawStompSocket.connect(this.port, TestTokens.moderator())) {
			client.subscribe("s", "/topic/jobs." + job);
			this.publisher.publish(job, "tos_violation", Map.of("reason", "hate speech", "risk_score", 95));
			String first = client.awaitFrame("MESSAGE");
			assertThat(first).contains("\ncritical:true\n").contains("\nevent-type:tos_violation\n").containsPattern("\npublished-at:\\d+\n");
			String ackId = ackId(first);
			String again = client.awaitFrame("MESSAGE\nredelivered:true", WAIT);
			assertThat(ackId(again)).isEqualTo(ackId);
			client.send("SEND\ndestination:/app/ack\ncontent-type:application/json\n\n{\"ack_id\":\"" + ackId + "\"}\0");

			this.publisher.publish(job, "tos_violation", Map.of("reason", "spam", "risk_score", 10));
			this.publisher.publish(job, "tos_violation", Map.of("reason", "threat", "severity", "critical"));
			await().atMost(WAIT).untilAsserted(() -> assertThat(undelivered()).anySatisfy((event) -> {
				assertThat(event.get("destination").asString()).isEqualTo("/topic/jobs." + job);
				assertThat(event.get("seq").asLong()).isEqualTo(3);
				assertThat(event.get("reason").asString()).isEqualTo("not_acknowledged");
			}));
			assertThat(undelivered()).noneMatch((event) -> event.get("destination").asString().endsWith(job)
					&& event.get("seq").asLong() != 3);
			assertThat(client.frames().stream().filter((frame) -> frame.startsWith("MESSAGE") && seq(frame) == 3))
				.as("sent once, then twice again").hasSize(3);
			assertThat(client.frames().stream().filter((frame) -> frame.startsWith("MESSAGE") && seq(frame) == 2))
				.as("not critical: once, without ack-id")
				.singleElement()
				.satisfies((frame) -> assertThat(frame).doesNotContain("ack-id"));
		}
	}

	// Compression

	@Test
	void theWebSocketHandshakeAcceptsPermessageDeflate() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ws/websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			List<String> response = new ArrayList<>();
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				response.add(line.toLowerCase());
			}
			assertThat(response.get(0)).contains("101");
			assertThat(response).anyMatch((line) -> line.startsWith("sec-websocket-extensions:")
					&& line.contains("permessage-deflate"));
		}
	}

	// Metrics

	@Test
	void deliveryMetricsAreExposedAndMove() throws Exception {
		String job = newJob();
		String before = prometheus();
		try (StompTestClient client = StompTestClient.webSocket(this.port).connect()) {
			client.subscribeConfirmed("/topic/jobs." + job);
			for (int i = 0; i < 5; i++) {
				this.publisher.publish(job, "token", Map.of("text", "t" + i));
			}
			await().atMost(WAIT).untilAsserted(() -> client.assertExactly(1, 5));
			assertThat(client.receivedHeaders()).as("live events, with the time they were published")
				.allSatisfy((headers) -> assertThat(headers.getFirst("published-at")).isNotNull());
			String after = prometheus();
			for (String name : List.of("ws_connections_total", "ws_connections_active", "ws_messages_sent_total",
					"ws_messages_received_total", "ws_events_routed_total", "ws_events_dropped_total",
					"ws_subscription_count", "ws_message_latency_seconds_bucket", "ws_subscription_lag_events_bucket",
					"ws_replays_total")) {
				assertThat(after).as(name).containsPattern("(?m)^" + name + "[{ ]");
			}
			assertThat(value(after, "ws_messages_sent_total")).isGreaterThanOrEqualTo(value(before, "ws_messages_sent_total") + 5);
			assertThat(value(after, "ws_connections_total")).isGreaterThan(value(before, "ws_connections_total"));
			assertThat(value(after, "ws_message_latency_seconds_count"))
				.isGreaterThanOrEqualTo(value(before, "ws_message_latency_seconds_count") + 5);
		}
	}

	private String prometheus() {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.of("olga", "operator"))
			.retrieve()
			.body(String.class);
	}

	/** The sum of every series of a metric in a Prometheus scrape (0 when absent). */
	private static double value(String scrape, String name) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private List<JsonNode> undelivered() {
		ResponseEntity<JsonNode> response = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/api/v1/streaming/undelivered?limit=1000")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.of("olga", "operator"))
			.retrieve()
			.toEntity(JsonNode.class);
		return response.getBody().valueStream().toList();
	}

	private double count(String name, String tag, String value) {
		Counter counter = this.meters.find(name).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static long seq(String frame) {
		Matcher seq = SEQ.matcher(frame);
		return seq.find() ? Long.parseLong(seq.group(1)) : 0;
	}

	private static String ackId(String frame) {
		Matcher ackId = ACK_ID.matcher(frame);
		assertThat(ackId.find()).as("ack-id header in %s", frame.lines().limit(12).toList()).isTrue();
		return ackId.group(1);
	}

	private static String newJob() {
		return "d-" + UUID.randomUUID().toString().substring(0, 12);
	}

}
