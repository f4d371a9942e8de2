package io.pneumatic.realtime.internal.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The delivery meters, named as operators of the seed hub know them (Prometheus adds {@code _total} to
 * counters and {@code _seconds} to timers): {@code ws_connections_total}, {@code ws_connections_active},
 * {@code ws_messages_sent_total}, {@code ws_messages_received_total}, {@code ws_events_dropped_total}
 * (by stream family), {@code ws_subscription_count}, {@code ws_message_latency_seconds} (publish to
 * write, histogram), {@code ws_subscription_lag_events} (newest event queued for a subscription minus
 * the one written), {@code ws_disconnects_total} (by reason) and the acknowledgement counters
 * {@code ws_critical_acknowledged_total}, {@code ws_critical_redelivered_total},
 * {@code ws_critical_undelivered_total} (by reason).
 */
final class DeliveryMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger active = new AtomicInteger();

	private final Counter connections;

	private final Counter sent;

	private final Counter received;

	private final Timer latency;

	private final DistributionSummary lag;

	private final Counter acknowledged;

	private final Counter redelivered;

	DeliveryMetrics(MeterRegistry registry, Supplier<Number> subscriptions) {
		this.registry = registry;
		this.connections = Counter.builder("ws.connections").description("STOMP connections opened").register(registry);
		Gauge.builder("ws.connections.active", this.active, AtomicInteger::get)
			.description("STOMP connections open now")
			.register(registry);
		Gauge.builder("ws.subscription.count", subscriptions)
			.description("subscriptions of the connections open now")
			.register(registry);
		this.sent = Counter.builder("ws.messages.sent").description("MESSAGE frames written to clients").register(registry);
		this.received = Counter.builder("ws.messages.received")
			.description("frames received from clients, heart-beats aside")
			.register(registry);
		this.latency = Timer.builder("ws.message.latency")
			.description("from the event log accepting an event to its write to a client")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry);
		this.lag = DistributionSummary.builder("ws.subscription.lag")
			.baseUnit("events")
			.description("events queued for a subscription behind the one being written")
			.publishPercentileHistogram()
			.maximumExpectedValue(10_000.0)
			.register(registry);
		this.acknowledged = Counter.builder("ws.critical.acknowledged")
			.description("critical events acknowledged by clients")
			.register(registry);
		this.redelivered = Counter.builder("ws.critical.redelivered")
			.description("critical events sent again for want of an acknowledgement")
			.register(registry);
		for (StreamFamily family : StreamFamily.values()) {
			if (family.droppable()) {
				droppedCounter(family);
			}
		}
	}

	void opened() {
		this.connections.increment();
		this.active.incrementAndGet();
	}

	void closed() {
		this.active.decrementAndGet();
	}

	void received() {
		this.received.increment();
	}

	/** A MESSAGE frame was written; {@code publishedAt} is null for events read back from the log. */
	void written(@Nullable Long publishedAt, long lagEvents) {
		this.sent.increment();
		if (publishedAt != null) {
			this.latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - publishedAt)));
		}
		if (lagEvents >= 0) {
			this.lag.record(lagEvents);
		}
	}

	void dropped(StreamFamily family) {
		droppedCounter(family).increment();
	}

	private Counter droppedCounter(StreamFamily family) {
		return Counter.builder("ws.events.dropped")
			.description("frames dropped because a client read too slowly")
			.tag("family", family.tag())
			.register(this.registry);
	}

	void disconnected(String reason) {
		Counter.builder("ws.disconnects")
			.description("connections ended by the hub")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void acknowledged() {
		this.acknowledged.increment();
	}

	void redelivered() {
		this.redelivered.increment();
	}

	void undelivered(String reason) {
		Counter.builder("ws.critical.undelivered")
			.description("critical events never acknowledged")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
