package io.pneumatic.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.SecretKeySpec;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.RawStompSocket;
import io.pneumatic.api.testing.StompTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.realtime.JobOwnership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The attack suite of the STOMP endpoint: every refusal is checked for its code, for what the
 * attacker did not get, and for a bystander on the same hub who keeps receiving its job stream.
 */
@HubIntegrationTest(properties = { "pneumatic.access.anonymous=true", "pneumatic.access.frames-per-connection=20",
		"pneumatic.access.max-subscriptions-per-connection=5", "pneumatic.access.abuse-threshold=30" })
@ExtendWith(OutputCaptureExtension.class)
class StompAttackIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	JobOwnership jobOwnership;

	// Identity

	@Test
	void refusesATokenSignedWithAnotherKey(CapturedOutput output) throws Exception {
		String forged = sign("another-secret-of-at-least-thirty-two-bytes!!", "mallory", "admin");
		assertConnectRefused(forged, "AUTH_FAILED");
		assertThat(output.getAll()).doesNotContain(forged);
	}

	@Test
	void refusesATokenWhoseClaimsWereChanged() throws Exception {
		String token = TestTokens.of("mallory", "citizen");
		String[] parts = token.split("\\.");
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"citizen\"", "\"admin\"");
		String tampered = parts[0] + "." + base64(claims) + "." + parts[2];
		assertConnectRefused(tampered, "AUTH_FAILED");
	}

	@Test
	void refusesAnUnsignedToken() throws Exception {
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String claims = base64("{\"sub\":\"mallory\",\"roles\":[\"admin\"],\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
		assertConnectRefused(header + "." + claims + ".", "AUTH_FAILED");
	}

	@Test
	void refusesAnExpiredTokenWithItsOwnCode() throws Exception {
		String expired = TestTokens.valid("alice", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), "citizen");
		assertConnectRefused(expired, "AUTH_EXPIRED");
	}

	@Test
	void refusesATokenThatIsNotValidYet() throws Exception {
		String early = TestTokens.valid("alice", Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200), "citizen");
		assertConnectRefused(early, "AUTH_FAILED");
	}

	@Test
	void aTokenInTheHandshakeUrlIdentifiesTheConnection() throws Exception {
		String jobId = newJobId();
		publishTokens(jobId, 1, 5);
		try (StompTestClient sockJs = StompTestClient.sockJs(this.port).withToken(null)
			.withHandshakeToken(TestTokens.moderator())
			.subscribeToJob(jobId, 0L)) {
			sockJs.assertExactly(1, 5);
		}
	}

	@Test
	void refusesTheHandshakeOfAnInvalidTokenInTheUrl(CapturedOutput output) {
		String forged = sign("another-secret-of-at-least-thirty-two-bytes!!", "mallory", "admin");
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(null).withHandshakeToken(forged)) {
			assertThatThrownBy(() -> client.connectAsync().get(10, TimeUnit.SECONDS))
				.rootCause().hasMessageContaining("401");
		}
		assertThat(output.getAll()).doesNotContain(forged);
	}

	@Test
	void anonymousConnectionsSeePublicDestinationsOnly() throws Exception {
		String jobId = newJobId();
		try (Bystander bystander = new Bystander(jobId);
				StompTestClient anonymous = StompTestClient.webSocket(this.port).withToken(null).listenForErrors()) {
			anonymous.subscribe("/topic/queues", Map.of());
			for (String destination : List.of("/topic/jobs." + jobId, "/topic/channels.private-1", "/topic/system",
					"/topic/queues.previews")) {
				anonymous.subscribe(destination, Map.of());
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(codes(anonymous.userErrors()))
				.containsExactly("INVALID_SUBSCRIPTION", "INVALID_SUBSCRIPTION", "INVALID_SUBSCRIPTION", "INVALID_SUBSCRIPTION"));
			bystander.publishAndAssertDelivered(1, 20);
			// The public queue feed only: its snapshot arrived, nothing of the job or the refused topics.
			assertThat(anonymous.received()).isNotEmpty()
				.allSatisfy((message) -> assertThat(message.get("stream").asString()).isEqualTo("queues"));
			assertThat(anonymous.isConnected()).isTrue();
		}
	}

	// Authorization

	@ParameterizedTest
	@ValueSource(strings = { "/topic/jobs.", "/queue/jobs." })
	void aSendOutsideAppNeverReachesTheBroker(String prefix) throws Exception {
		String jobId = newJobId();
		try (Bystander bystander = new Bystander(jobId);
				StompTestClient attacker = StompTestClient.webSocket(this.port).listenForErrors()) {
			attacker.send(prefix + jobId, "{\"stream\":\"jobs." + jobId + "\",\"seq\":1,\"type\":\"done\",\"payload\":{}}");
			await().atMost(WAIT).untilAsserted(() -> assertThat(attacker.userErrors()).singleElement()
				.satisfies((error) -> {
					assertThat(error.get("code").asString()).isEqualTo("INVALID_MESSAGE");
					assertThat(error.get("destination").asString()).isEqualTo(prefix + jobId);
				}));
			bystander.publishAndAssertDelivered(1, 20);
			assertThat(attacker.isConnected()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/#", "/topic/*", "/topic/jobs.*", "/topic/jobs.#", "/topic/ops.#",
			"/topic/*.production.alert_fired" })
	void wildcardsNeverWidenACitizensAccess(String destination) throws Exception {
		String jobId = newJobId();
		try (Bystander bystander = new Bystander(jobId);
				StompTestClient citizen = StompTestClient.webSocket(this.port)
					.withToken(TestTokens.of("carol", "citizen"))
					.listenForErrors()) {
			citizen.subscribe(destination, Map.of());
			await().atMost(WAIT).untilAsserted(
					() -> assertThat(codes(citizen.userErrors())).containsExactly("INVALID_SUBSCRIPTION"));
			bystander.publishAndAssertDelivered(1, 20);
			assertThat(citizen.received()).isEmpty();
		}
	}

	@Test
	void anUnknownEventTypeIsAnInvalidSubscription() throws Exception {
		try (StompTestClient operator = StompTestClient.webSocket(this.port)
			.withToken(TestTokens.of("olga", "operator"))
			.listenForErrors()) {
			operator.subscribe("/topic/ops.eu-1.production.coffee_spilled", Map.of());
			await().atMost(WAIT).untilAsserted(() -> assertThat(operator.userErrors()).singleElement()
				.satisfies((error) -> {
					assertThat(error.get("code").asString()).isEqualTo("INVALID_SUBSCRIPTION");
					assertThat(error.get("message").asString()).contains("unknown ops event type");
				}));
		}
	}

	@Test
	void operatorsMaySubscribeToOpsWithWildcards() throws Exception {
		try (StompTestClient operator = StompTestClient.webSocket(this.port)
			.withToken(TestTokens.of("olga", "operator"))
			.listenForErrors()) {
			operator.subscribe("/topic/ops.*.production.alert_fired", Map.of());
			operator.subscribe("/topic/jobs." + newJobId(), Map.of());
			await().atMost(WAIT).untilAsserted(
					() -> assertThat(operator.userErrors()).singleElement().satisfies((error) -> assertThat(
							error.get("destination").asString()).startsWith("/topic/jobs.")));
		}
	}

	@Test
	void nobodySubscribesToAnotherUsersQueues() throws Exception {
		try (StompTestClient attacker = StompTestClient.webSocket(this.port)
			.withToken(TestTokens.of("mallory", "citizen"))
			.listenForErrors()) {
			attacker.subscribe("/user/alice/queue/errors", Map.of());
			attacker.subscribe("/queue/errors-user" + UUID.randomUUID(), Map.of());
			await().atMost(WAIT).untilAsserted(() -> assertThat(codes(attacker.userErrors()))
				.containsExactly("INVALID_SUBSCRIPTION", "INVALID_SUBSCRIPTION"));
		}
	}

	@Test
	void previewsAreForContentPreviewOnly() throws Exception {
		try (StompTestClient citizen = StompTestClient.webSocket(this.port)
			.withToken(TestTokens.of("carol", "citizen"))
			.listenForErrors();
				StompTestClient moderator = StompTestClient.webSocket(this.port).listenForErrors()) {
			citizen.subscribe("/topic/queues.previews", Map.of());
			moderator.subscribe("/topic/queues.previews", Map.of());
			await().atMost(WAIT).untilAsserted(() -> assertThat(citizen.userErrors()).singleElement()
				.satisfies((error) -> assertThat(error.get("message").asString()).contains("content_preview")));
			assertThat(moderator.userErrors()).isEmpty();
		}
	}

	@Test
	void aJobStreamIsOpenToItsOwnerAndNotToOtherCitizens() throws Exception {
		String jobId = newJobId();
		this.publisher.publish(jobId, "status", Map.of("status", "running", "owner", "alice"));
		try (StompTestClient bob = StompTestClient.webSocket(this.port).withToken(TestTokens.of("bob", "citizen")).listenForErrors()) {
			try (StompTestClient alice = awaitOwnerSubscribed(jobId, "alice")) {
				bob.subscribeToJob(jobId, 0L);
				publishTokens(jobId, 2, 10);
				alice.assertExactly(1, 10);
			}
			await().atMost(WAIT).untilAsserted(
					() -> assertThat(codes(bob.userErrors())).containsExactly("INVALID_SUBSCRIPTION"));
			assertThat(bob.received()).isEmpty();
		}
	}

	// Abuse

	@Test
	void aFrameOverTheSizeLimitClosesOnlyItsOwnConnection() throws Exception {
		String jobId = newJobId();
		try (Bystander bystander = new Bystander(jobId);
				RawStompSocket attacker = RawStompSocket.connect(this.port, TestTokens.of("mallory", "citizen"))) {
			// The hub may close the socket while the frame is still being written.
			catchThrowable(() -> attacker.send("SEND\ndestination:/app/x\ncontent-type:text/plain\n\n" + "x".repeat(1024 * 1024) + "\0"));
			await().atMost(WAIT).until(() -> attacker.closed() != null);
			assertThat(attacker.closed().getCode()).isIn(1009, 1002);
			bystander.publishAndAssertDelivered(1, 20);
		}
	}

	@Test
	void aMalformedFrameGetsInvalidMessageAndTheConnectionLivesOn() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connect(this.port, TestTokens.of("mallory", "citizen"))) {
			socket.subscribe("errors", "/user/queue/errors");
			socket.send("BOGUS\nno-colon-header\n\nbody\0");
			assertThat(socket.awaitFrame("MESSAGE")).contains("INVALID_MESSAGE").contains("malformed STOMP frame");
			socket.subscribe("queues", "/topic/queues");
			socket.assertOpen();
		}
	}

	@Test
	void aSubscriptionFloodStopsAtTheLimit() throws Exception {
		try (StompTestClient flooder = StompTestClient.webSocket(this.port).listenForErrors()) {
			// Two subscriptions are the error and reply queues; the limit is five.
			for (int i = 0; i < 5; i++) {
				flooder.subscribe("/topic/queues", Map.of());
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(flooder.userErrors()).hasSize(2)
				.allSatisfy((error) -> assertThat(error.get("message").asString()).contains("at most 5 subscriptions")));
			assertThat(flooder.isConnected()).isTrue();
		}
	}

	@Test
	void aShortFloodIsRateLimitedWithRetryAfterAndTheConnectionLivesOn() throws Exception {
		try (StompTestClient flooder = StompTestClient.webSocket(this.port).listenForErrors()) {
			for (int i = 0; i < 60; i++) {
				flooder.send("/app/noop", "{}");
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(flooder.userErrors()).isNotEmpty()
				.allSatisfy((error) -> {
					assertThat(error.get("code").asString()).isEqualTo("RATE_LIMITED");
					assertThat(error.get("retry_after").asInt()).isPositive();
				}));
			assertThat(flooder.isConnected()).isTrue();
			assertThat(flooder.errorCodes()).isEmpty();
		}
	}

	@Test
	void aSustainedFloodClosesTheConnection() throws Exception {
		String jobId = newJobId();
		try (Bystander bystander = new Bystander(jobId);
				StompTestClient flooder = StompTestClient.webSocket(this.port).listenForErrors()) {
			for (int i = 0; i < 200 && flooder.isConnected(); i++) {
				flooder.send("/app/noop", "{}");
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(flooder.errorCodes()).contains("RATE_LIMITED"));
			await().atMost(WAIT).until(() -> !flooder.isConnected());
			bystander.publishAndAssertDelivered(1, 20);
		}
	}

	// Token lifetime

	@Test
	void anExpiringTokenEndsTheConnectionWithAuthExpiredAndAFreshOneResumes() throws Exception {
		String jobId = newJobId();
		publishTokens(jobId, 1, 5);
		String shortLived = TestTokens.valid("test-moderator", Instant.now().minusSeconds(1), Instant.now().plusSeconds(3), "moderator");
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(shortLived).subscribeToJob(jobId, 0L)) {
			client.assertExactly(1, 5);
			await().atMost(WAIT).untilAsserted(() -> assertThat(client.errorCodes()).containsExactly("AUTH_EXPIRED"));
			await().atMost(WAIT).until(() -> !client.isConnected());
		}
		publishTokens(jobId, 6, 9);
		try (StompTestClient resumed = StompTestClient.webSocket(this.port).subscribeToJob(jobId, 5L)) {
			resumed.assertExactly(6, 9);
		}
	}

	@Test
	void aRefreshExtendsTheConnectionAndEndsSubscriptionsTheNewTokenNoLongerAllows() throws Exception {
		String jobId = newJobId();
		publishTokens(jobId, 1, 3);
		String shortLived = TestTokens.valid("dana", Instant.now().minusSeconds(1), Instant.now().plusSeconds(3), "moderator");
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(shortLived).listenForErrors()) {
			client.subscribe("/topic/queues", Map.of());
			client.subscribeToJob(jobId, 0L);
			client.assertExactly(1, 3);
			// The same user, now a citizen only: the job stream must end, /topic/queues stays.
			client.send("/app/auth.refresh", "{\"token\":\"" + TestTokens.of("dana", "citizen") + "\"}");
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(client.replies()).singleElement()
					.satisfies((reply) -> assertThat(reply.get("type").asString()).isEqualTo("auth_refreshed"));
				assertThat(client.userErrors()).singleElement().satisfies((error) -> {
					assertThat(error.get("code").asString()).isEqualTo("INVALID_SUBSCRIPTION");
					assertThat(error.get("destination").asString()).isEqualTo("/topic/jobs." + jobId);
				});
			});
			publishTokens(jobId, 4, 6);
			// Past the first token's expiry the connection is still up, and the ended stream stays silent.
			await().during(Duration.ofSeconds(4)).atMost(WAIT).until(() -> client.isConnected()
					&& client.errorCodes().isEmpty() && client.seqs().equals(List.of(1L, 2L, 3L)));
		}
	}

	@Test
	void aRefreshForAnotherUserIsRefused() throws Exception {
		try (StompTestClient client = StompTestClient.webSocket(this.port).withToken(TestTokens.of("erin", "citizen")).listenForErrors()) {
			client.send("/app/auth.refresh", "{\"token\":\"" + TestTokens.of("mallory", "admin") + "\"}");
			client.send("/app/auth.refresh", "not json");
			await().atMost(WAIT).untilAsserted(
					() -> assertThat(codes(client.userErrors())).containsExactly("AUTH_FAILED", "INVALID_MESSAGE"));
			client.subscribe("/topic/ops.#", Map.of());
			await().atMost(WAIT).untilAsserted(() -> assertThat(client.userErrors()).hasSize(3));
			assertThat(client.isConnected()).isTrue();
		}
	}

	// Helpers

	private void assertConnectRefused(String token, String code) throws Exception {
		try (Bystander bystander = new Bystander(newJobId());
				StompTestClient client = StompTestClient.webSocket(this.port).withToken(token)) {
			assertThatThrownBy(() -> client.connectAsync().get(10, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(client.errorCodes()).containsExactly(code));
			assertThat(client.errors()).allSatisfy((message) -> assertThat(message).doesNotContain(token));
			assertThat(client.received()).isEmpty();
			bystander.publishAndAssertDelivered(1, 10);
		}
	}

	private StompTestClient awaitOwnerSubscribed(String jobId, String owner) throws Exception {
		// Ownership comes from the job record, written by the persist consumer shortly after the event.
		await().atMost(WAIT).until(() -> this.jobOwnership.isOwner(jobId, owner));
		return StompTestClient.webSocket(this.port).withToken(TestTokens.of(owner, "citizen")).subscribeToJob(jobId, 0L);
	}

	private void publishTokens(String jobId, int from, int to) {
		for (int i = from; i <= to; i++) {
			this.publisher.publish(jobId, "token", Map.of("text", "w" + i, "index", i));
		}
	}

	private static List<String> codes(List<JsonNode> errors) {
		return errors.stream().map((error) -> error.get("code").asString()).toList();
	}

	private static String newJobId() {
		return "s-" + UUID.randomUUID().toString().substring(0, 12);
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String sign(String secret, String user, String... roles) {
		NimbusJwtEncoder encoder = NimbusJwtEncoder
			.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.build();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(user)
			.expiresAt(Instant.now().plusSeconds(3600))
			.claim("roles", List.of(roles))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
	}

	/** A moderator watching a job of its own while the attacks run: it must see every event, in order. */
	private final class Bystander implements AutoCloseable {

		private final String jobId;

		private final StompTestClient client;

		Bystander(String jobId) throws Exception {
			this.jobId = jobId;
			this.client = StompTestClient.sockJs(StompAttackIntegrationTests.this.port).subscribeToJob(jobId, 0L);
		}

		void publishAndAssertDelivered(int from, int to) {
			publishTokens(this.jobId, from, to);
			this.client.assertExactly(from, to);
		}

		@Override
		public void close() {
			this.client.close();
		}

	}

}
