package io.pneumatic.realtime.internal.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the events the relay handed to the broker and the broker confirmed, by event type:
 * {@code ws_events_routed_total{type}}.
 */
final class RoutedEvents {

	private final MeterRegistry registry;

	private final Map<String, Counter> byType = new ConcurrentHashMap<>();

	RoutedEvents(MeterRegistry registry) {
		this.registry = registry;
	}

	void routed(String type) {
		this.byType.computeIfAbsent(type, (name) -> Counter.builder("ws.events.routed")
			.description("events relayed to the broker and confirmed by it")
			.tag("type", name)
			.register(this.registry)).increment();
	}

}
