package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.queue.Claim;
import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.testing.TestQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QueueMetricsIntegrationTests {

	private final TestQueue queue = new TestQueue(QueueSettings.defaults()
		.withLease(Duration.ofMillis(200))
		.withRetries(1, Duration.ZERO, Duration.ZERO));

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final RedisQueueEngine engine = this.queue.newEngine(this.registry);

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void reportsLengthsInFlightExpiriesAndDeadLettersPerLaneKind() {
		new QueueMetrics(this.engine, Duration.ZERO).bindTo(this.registry);
		this.engine.enqueue(EnqueueRequest.of(Lane.topicPosts("1"), "a"));
		this.engine.enqueue(EnqueueRequest.of(Lane.topicPosts("1"), "b"));
		this.engine.enqueue(EnqueueRequest.of(Lane.topicPosts("2"), "c"));
		this.engine.enqueue(EnqueueRequest.of(Lane.globalTopics(), "d"));
		Claim claim = this.engine.claim("w", 1).getFirst();

		assertThat(gauge("queue.length", "topic_posts")).isEqualTo(3);
		assertThat(gauge("queue.length", "global_topics")).isEqualTo(1);
		assertThat(gauge("queue.length", "named")).isZero();
		assertThat(gauge("queue.in.flight", claim.lane().kind().tag())).isEqualTo(1);
		assertThat(this.registry.get("queue.claim.latency").timer().count()).as("recorded by the engine")
			.isPositive();

		await().until(() -> this.engine.sweep().expiredLeases() > 0);

		assertThat(this.registry.get("queue.lease.expiries").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("queue.dead.letters").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("queue.dead.letters.waiting").gauge().value()).isEqualTo(1);
		assertThat(gauge("queue.in.flight", claim.lane().kind().tag())).isZero();
		assertThat(gauge("queue.length", "topic_posts") + gauge("queue.length", "global_topics")).isEqualTo(3);
	}

	@Test
	void keepsTheLastValuesWhenRedisFails() {
		QueueMetrics metrics = new QueueMetrics(this.engine, Duration.ZERO);
		metrics.bindTo(this.registry);
		this.engine.enqueue(EnqueueRequest.of(Lane.globalTopics(), "d"));
		assertThat(gauge("queue.length", "global_topics")).isEqualTo(1);

		this.queue.unloadLibrary();
		this.queue.redis().set("queue:stats", "not a hash");

		assertThat(gauge("queue.length", "global_topics")).isEqualTo(1);
		this.queue.redis().del("queue:stats");
	}

	private double gauge(String name, String kind) {
		return this.registry.get(name).tag("kind", kind).gauge().value();
	}

}
