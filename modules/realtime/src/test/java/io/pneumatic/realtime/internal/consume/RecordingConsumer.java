package io.pneumatic.realtime.internal.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;

/**
 * A consumer that records what it consumed, and can fail a number of times first.
 */
class RecordingConsumer implements EventStreamConsumer {

	private final String group;

	private final AtomicInteger failuresLeft;

	private final List<EventEnvelope> consumed = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger calls = new AtomicInteger();

	private final Duration readInterval;

	RecordingConsumer(String group) {
		this(group, 0);
	}

	RecordingConsumer(String group, int failures) {
		this(group, failures, Duration.ZERO);
	}

	RecordingConsumer(String group, int failures, Duration readInterval) {
		this.group = group;
		this.failuresLeft = new AtomicInteger(failures);
		this.readInterval = readInterval;
	}

	@Override
	public String group() {
		return this.group;
	}

	@Override
	public Duration readInterval() {
		return this.readInterval;
	}

	@Override
	public void consume(List<EventEnvelope> batch) {
		this.calls.incrementAndGet();
		if (this.failuresLeft.getAndDecrement() > 0) {
			throw new IllegalStateException("broker unavailable");
		}
		this.consumed.addAll(batch);
	}

	List<EventEnvelope> consumed() {
		synchronized (this.consumed) {
			return List.copyOf(this.consumed);
		}
	}

	/** What was consumed of one job, as seqs in the order consumed. */
	List<Long> seqsOf(String jobId) {
		return consumed().stream().filter((event) -> event.stream().equals("jobs." + jobId)).map(EventEnvelope::seq).toList();
	}

	int calls() {
		return this.calls.get();
	}

}
