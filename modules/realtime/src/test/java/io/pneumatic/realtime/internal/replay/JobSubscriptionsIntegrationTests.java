package io.pneumatic.realtime.internal.replay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.internal.log.EventFunctionLibrary;
import io.pneumatic.realtime.internal.log.EventLogAutoConfiguration;
import io.pneumatic.realtime.testing.TestEventLog;
import io.pneumatic.realtime.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry of STOMP job subscriptions against a real event log in Redis: what reaches the
 * client, and when, relative to the broker's confirmation of the subscription.
 */
class JobSubscriptionsIntegrationTests {

	private static final String SESSION = "s1";

	private static final String SUBSCRIPTION = "sub-1";

	private final TestEventLog log = new TestEventLog();

	/** The hub's event log, on the test's own function library. */
	private final WebApplicationContextRunner hub = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				EventLogAutoConfiguration.class))
		.withPropertyValues(TestRedis.springPropertyPairs())
		.withBean(EventFunctionLibrary.class, this.log::library);

	private final List<Message<byte[]>> written = new CopyOnWriteArrayList<>();

	/** The thread that wrote each of {@link #written}. */
	private final List<String> writers = new CopyOnWriteArrayList<>();

	/** Whether the client's queue has room, as the delivery layer would answer. */
	private volatile boolean clientHasRoom = true;

	private final String jobId = this.log.newJobId();

	@AfterEach
	void close() {
		this.log.close();
	}

	/**
	 * A client that subscribes without {@code last-seq} and publishes as soon as it holds its RECEIPT
	 * (as the test suites and many workers do) must get that event: the RECEIPT reaches it only once
	 * the subscription's starting point is fixed.
	 */
	@Test
	void theClientsReceiptComesOnlyOnceTheSubscriptionIsLiveSoThatWhatItPublishesNextIsDelivered() {
		withSubscriptions(this::subscribeWithoutLastSeqAndPublishOnReceipt);
	}

	private void subscribeWithoutLastSeqAndPublishOnReceipt(JobSubscriptions subscriptions) {
		this.log.publish(this.jobId, "token", "{\"text\":\"before\"}");
		subscriptions.subscribed(SESSION, SUBSCRIPTION, this.jobId, null, "client-receipt");

		assertThat(subscriptions.receiptArrived(SESSION, "client-receipt", frame(StompCommand.RECEIPT, null)))
			.as("the registry takes over the receipt that confirms a job subscription").isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> commands().contains(StompCommand.RECEIPT));
		subscriptions.liveMessage(SESSION, SUBSCRIPTION, 2, frame(StompCommand.MESSAGE, 2L));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(commands()).containsExactly(StompCommand.RECEIPT, StompCommand.MESSAGE));
		assertThat(StompHeaderAccessor.wrap(this.written.get(1)).getFirstNativeHeader("seq")).isEqualTo("2");
	}

	@Test
	void theHubsOwnReceiptNeverReachesTheClientAndOthersPassThrough() {
		withSubscriptions(this::subscribeWithTheHubsReceipt);
	}

	private void subscribeWithTheHubsReceipt(JobSubscriptions subscriptions) {
		subscriptions.subscribed(SESSION, SUBSCRIPTION, this.jobId, 0L, JobSubscriptions.RECEIPT_PREFIX + "1");

		assertThat(subscriptions.receiptArrived(SESSION, JobSubscriptions.RECEIPT_PREFIX + "1",
				frame(StompCommand.RECEIPT, null))).isTrue();
		assertThat(subscriptions.receiptArrived(SESSION, "disconnect-7", frame(StompCommand.RECEIPT, null)))
			.as("a receipt for something else is the client's, untouched").isFalse();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.written).singleElement()
				.satisfies(control -> assertThat(new String(control.getPayload())).contains("replay_complete")));
	}

	/**
	 * An in-sequence live message needs neither the event log nor a wait for the client: it goes to the
	 * client on the broker connection's thread. One after a gap is held for the lane, which fills the
	 * gap from the event log first.
	 */
	@Test
	void aLiveMessageInSequenceGoesStraightOnAndAGapIsFilledFromTheLogOnTheLane() {
		withSubscriptions(this::deliverInSequenceThenAfterAGap);
	}

	private void deliverInSequenceThenAfterAGap(JobSubscriptions subscriptions) {
		goLive(subscriptions);

		subscriptions.liveMessage(SESSION, SUBSCRIPTION, 2, frame(StompCommand.MESSAGE, 2L));
		assertThat(seqs()).as("written before liveMessage returned").containsExactly("2");
		assertThat(this.writers).last().isEqualTo(Thread.currentThread().getName());

		for (int i = 3; i <= 5; i++) {
			this.log.publish(this.jobId, "token", "{\"text\":\"t" + i + "\"}");
		}
		subscriptions.liveMessage(SESSION, SUBSCRIPTION, 5, frame(StompCommand.MESSAGE, 5L));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seqs()).containsExactly("2", "3", "4", "5"));
		assertThat(this.writers.subList(1, 4)).allSatisfy(writer -> assertThat(writer).startsWith("stomp-lane-"));
		assertThat(StompHeaderAccessor.wrap(this.written.get(2)).getMessageId()).as("seq 3 came from the log").startsWith("log-");
	}

	/** A client without room in its queue is waited for on the lane, never on the broker connection's thread. */
	@Test
	void aLiveMessageForAClientWithoutRoomWaitsOnTheLane() {
		withSubscriptions(this::deliverToAClientWithoutRoom);
	}

	private void deliverToAClientWithoutRoom(JobSubscriptions subscriptions) {
		goLive(subscriptions);
		this.clientHasRoom = false;

		subscriptions.liveMessage(SESSION, SUBSCRIPTION, 2, frame(StompCommand.MESSAGE, 2L));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seqs()).containsExactly("2"));
		assertThat(this.writers).last().asString().startsWith("stomp-lane-");
	}

	/** Subscribes without {@code last-seq} after one event was published, and waits until the subscription is live. */
	private void goLive(JobSubscriptions subscriptions) {
		this.log.publish(this.jobId, "token", "{\"text\":\"before\"}");
		subscriptions.subscribed(SESSION, SUBSCRIPTION, this.jobId, null, "client-receipt");
		subscriptions.receiptArrived(SESSION, "client-receipt", frame(StompCommand.RECEIPT, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> commands().contains(StompCommand.RECEIPT));
		await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.laneIdle(SESSION));
		this.written.clear();
		this.writers.clear();
	}

	private List<String> seqs() {
		return this.written.stream().map(message -> StompHeaderAccessor.wrap(message).getFirstNativeHeader("seq")).toList();
	}

	/** Runs {@code test} against a registry that reads the hub's event log and writes to {@link #written}. */
	private void withSubscriptions(Consumer<JobSubscriptions> test) {
		this.hub.run(context -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.log.library().isLoadedIn(this.log.redis()));
			JobSubscriptions.ClientMessageWriter writer = new JobSubscriptions.ClientMessageWriter(this::clientReceived,
					(sessionId) -> { }, (sessionId) -> this.clientHasRoom);
			test.accept(new JobSubscriptions(context.getBean(EventLog.class), JsonMapper.builder().build(), writer,
					new ReplayOutcomes(new SimpleMeterRegistry())));
		});
	}

	/** What the writer got: the client would receive it, in this order. */
	private void clientReceived(Message<byte[]> message) {
		if (StompCommand.RECEIPT.equals(StompHeaderAccessor.wrap(message).getCommand())) {
			// The client reacts to its receipt at once: the event is published before anything else is written.
			this.log.publish(this.jobId, "token", "{\"text\":\"after\"}");
		}
		this.written.add(message);
		this.writers.add(Thread.currentThread().getName());
	}

	private List<StompCommand> commands() {
		return this.written.stream().map(message -> StompHeaderAccessor.wrap(message).getCommand()).toList();
	}

	private Message<byte[]> frame(StompCommand command, Long seq) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		accessor.setSessionId(SESSION);
		if (seq != null) {
			accessor.setSubscriptionId(SUBSCRIPTION);
			accessor.setNativeHeader("seq", seq.toString());
		}
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

}
