package io.pneumatic.sim.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class LoadSubscriptionTests {

	private final CountDownLatch confirmations = new CountDownLatch(1);

	private final SplitLatency latency = new SplitLatency();

	private final SplitLatency firstToken = new SplitLatency();

	private final LoadSubscription subscription = new LoadSubscription("load-1", JsonMapper.builder().build(),
			this.latency, this.firstToken, this.confirmations);

	@Test
	void subscribesToTheJobTopic() {
		assertThat(this.subscription.destination()).isEqualTo("/topic/jobs.load-1");
	}

	@Test
	void replayCompleteConfirmsTheSubscriptionOnce() {
		frame("{\"stream\":\"jobs.load-1\",\"seq\":null,\"type\":\"replay_complete\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":{}}");
		this.subscription.confirm();

		assertThat(this.confirmations.getCount()).isZero();
		assertThat(this.subscription.tally().highestSeq()).isZero();
	}

	@Test
	void talliesEventsBySeqAndRecordsLatencyInsideTheWindow() {
		long now = System.nanoTime();
		this.latency.startWindow(now - 1_000_000_000L, now + 1_000_000_000L);

		frame(event(1, now - 5_000_000L));
		frame(event(2, now - 2_000_000_000L));
		frame(event(2, now));

		assertThat(this.subscription.tally().highestSeq()).isEqualTo(2);
		assertThat(this.subscription.tally().takeAnomalies()).isEqualTo(new DeliveryTally.Anomalies(1, 0));
		SplitLatency.Histograms taken = this.latency.take();
		assertThat(taken.fromSend().getTotalCount()).isEqualTo(2);
		Histogram fromLog = taken.fromLog();
		assertThat(fromLog.getTotalCount()).as("the same events, from the envelope's ts").isEqualTo(2);
		assertThat(fromLog.getMinValue()).as("ts is 4 ms before arrival").isBetween(4_000_000L, 1_000_000_000L);
	}

	@Test
	void recordsTheFirstTokenOnceAndSeesDone() {
		long now = System.nanoTime();
		this.firstToken.startWindow(now - 10_000_000_000L, now + 10_000_000_000L);

		frame("{\"stream\":\"jobs.load-1\",\"seq\":1,\"type\":\"status\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":{\"status\":\"running\"}}");
		frame(event(2, now - 7_000_000L));
		frame(event(3, now - 1_000_000L));
		assertThat(this.subscription.finished()).isFalse();
		frame("{\"stream\":\"jobs.load-1\",\"seq\":4,\"type\":\"done\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":{\"status\":\"succeeded\"}}");

		SplitLatency.Histograms taken = this.firstToken.take();
		Histogram firstTokens = taken.fromSend();
		assertThat(firstTokens.getTotalCount()).isEqualTo(1);
		assertThat(firstTokens.getMinValue()).isGreaterThanOrEqualTo(7_000_000L);
		Histogram fromLog = taken.fromLog();
		assertThat(fromLog.getTotalCount()).isEqualTo(1);
		assertThat(fromLog.getMinValue()).as("from the envelope's ts, 4 ms before it arrived").isBetween(4_000_000L, 1_000_000_000L);
		assertThat(this.subscription.finished()).isTrue();
		assertThat(this.subscription.ended()).isDone();
	}

	private void frame(String json) {
		this.subscription.handleFrame(new StompHeaders(), json.getBytes(StandardCharsets.UTF_8));
	}

	private static String event(long seq, long sentNanos) {
		return "{\"stream\":\"jobs.load-1\",\"seq\":" + seq + ",\"type\":\"token\",\"ts\":\"" + Instant.now().minusMillis(4) + "\","
				+ "\"payload\":{\"text\":\"load\",\"index\":" + seq + ",\"sent_nanos\":" + sentNanos + "}}";
	}

}
