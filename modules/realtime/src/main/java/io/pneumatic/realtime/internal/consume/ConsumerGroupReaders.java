package io.pneumatic.realtime.internal.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import io.pneumatic.realtime.EventStreamConsumer;
import io.pneumatic.realtime.internal.log.EventEntryMapper;
import io.pneumatic.realtime.internal.log.EventKeys;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import io.pneumatic.realtime.internal.log.OpsStreamSettings;
import io.pneumatic.realtime.internal.log.RetentionSettings;

/**
 * Runs one {@link ConsumerGroupReader} on the job streams per {@link EventStreamConsumer} bean, and one
 * more on the ops streams for each that {@linkplain EventStreamConsumer#consumesOpsEvents consumes ops
 * events}, from context start to context close. Starts last and stops first (default {@link SmartLifecycle} phase), so consumers find
 * their collaborators running.
 */
final class ConsumerGroupReaders implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerGroupReaders.class);

	private final ObjectProvider<EventStreamConsumer> consumers;

	private final EventLogConnections connections;

	private final EventEntryMapper entryMapper;

	private final ConsumerSettings settings;

	private final RetentionSettings retention;

	private final OpsStreamSettings ops;

	private final InstanceSettings instance;

	private final MeterRegistry registry;

	private final List<ConsumerGroupReader> readers = new ArrayList<>();

	private volatile boolean running;

	ConsumerGroupReaders(ObjectProvider<EventStreamConsumer> consumers, EventLogConnections connections,
			EventEntryMapper entryMapper, ConsumerSettings settings, RetentionSettings retention, OpsStreamSettings ops,
			InstanceSettings instance, MeterRegistry registry) {
		this.consumers = consumers;
		this.connections = connections;
		this.entryMapper = entryMapper;
		this.settings = settings;
		this.retention = retention;
		this.ops = ops;
		this.instance = instance;
		this.registry = registry;
	}

	@Override
	public synchronized void start() {
		Map<String, EventStreamConsumer> byGroup = new HashMap<>();
		this.consumers.orderedStream().forEach((consumer) -> {
			String group = consumer.group();
			if (!EventKeys.isValidGroup(group)) {
				throw new IllegalStateException("Consumer group '" + group + "' of " + consumer.getClass().getName()
						+ " must be 1 to 64 lower case letters, digits and dashes, starting with a letter");
			}
			EventStreamConsumer other = byGroup.putIfAbsent(group, consumer);
			if (other != null) {
				throw new IllegalStateException("Consumer group '" + group + "' is used by both " + other.getClass().getName()
						+ " and " + consumer.getClass().getName() + ": give each EventStreamConsumer its own group");
			}
		});
		Clock clock = Clock.systemUTC();
		byGroup.values().forEach((consumer) -> {
			start(consumer, new JobStreamKeys(consumer.group(), this.retention.afterDone(), this.settings.keyRefresh(), clock), clock);
			if (consumer.consumesOpsEvents()) {
				start(consumer, new OpsStreamKeys(consumer.group(), this.ops.idleExpiry(), this.settings.keyRefresh(), clock),
						clock);
			}
		});
		this.running = true;
	}

	private void start(EventStreamConsumer consumer, StreamKeys keys, Clock clock) {
		ConsumerGroupReader reader = new ConsumerGroupReader(consumer, this.instance.instanceId(), this.connections,
				this.entryMapper, this.settings, keys, clock, this.registry);
		this.readers.add(reader);
		reader.start();
	}

	@Override
	public synchronized void stop() {
		this.readers.forEach(ConsumerGroupReader::requestStop);
		Duration timeout = this.settings.block().plusSeconds(5);
		try {
			for (ConsumerGroupReader reader : this.readers) {
				reader.awaitStop(timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("interrupted while stopping event readers");
		}
		this.readers.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
