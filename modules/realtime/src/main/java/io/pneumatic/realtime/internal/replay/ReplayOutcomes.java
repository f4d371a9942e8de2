package io.pneumatic.realtime.internal.replay;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts replays by outcome, for STOMP subscriptions and SSE streams alike: {@code ws_replays_total{outcome}}.
 */
public final class ReplayOutcomes {

	private final Map<ReplayOutcome, Counter> counters = new EnumMap<>(ReplayOutcome.class);

	public ReplayOutcomes(MeterRegistry registry) {
		for (ReplayOutcome outcome : ReplayOutcome.values()) {
			this.counters.put(outcome, Counter.builder("ws.replays")
				.description("replays after last-seq or Last-Event-ID, by outcome")
				.tag("outcome", outcome.tag())
				.register(registry));
		}
	}

	public void record(ReplayOutcome outcome) {
		this.counters.get(outcome).increment();
	}

}
