package io.pneumatic.realtime.internal.sse;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.internal.broker.BrokerClient;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import io.pneumatic.realtime.internal.relay.RelayHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.TaskScheduler;

/**
 * This instance's live view of job streams for its SSE clients: one STOMP connection to the broker,
 * one broker subscription per job that has at least one {@link JobFeedListener}, each incoming
 * message handed to every listener of its job.
 *
 * <p>The connection opens on the first {@link #watch}; when it drops, every listener is told
 * {@linkplain JobFeedListener#lost lost} (its client resumes with {@code Last-Event-ID}) and the
 * next {@code watch} opens a new one. As a lifecycle it stops before the web server's graceful
 * shutdown (ending every watch and the connection), so open streams end rather than hold the
 * shutdown up; closing it releases the STOMP client. Thread-safe.
 */
final class BrokerJobFeed implements SmartLifecycle, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BrokerJobFeed.class);

	private static final String DESTINATION_PREFIX = "/topic/";

	private final BrokerClient broker;

	private final AtomicLong receipts = new AtomicLong();

	/** Guarded by {@code this}. */
	private final Map<String, JobTopic> topics = new HashMap<>();

	/** Guarded by {@code this}. */
	private @Nullable StompSession session;

	/** True from construction: the web server, which starts before this lifecycle's phase, may serve streams at once. */
	private volatile boolean running = true;

	BrokerJobFeed(BrokerSettings settings, BrokerEndpoint endpoint, TaskScheduler scheduler, Duration receiptTimeout) {
		this.broker = new BrokerClient(settings, endpoint, scheduler, receiptTimeout);
	}

	/**
	 * Starts handing a job's live events to {@code listener}, subscribing at the broker if it is the
	 * job's first listener; {@link JobFeedListener#subscribed} follows once that subscription is active.
	 * @return what ends the watch (the last one of a job ends its broker subscription)
	 * @throws JobFeedUnavailableException if the broker cannot be reached or the hub is stopping
	 */
	synchronized Watch watch(String jobId, JobFeedListener listener) {
		if (!this.running) {
			throw new JobFeedUnavailableException("the hub is stopping");
		}
		StompSession current = connectedSession();
		JobTopic topic = this.topics.get(jobId);
		if (topic == null) {
			topic = new JobTopic(jobId);
			this.topics.put(jobId, topic);
			topic.subscribe(current);
		}
		topic.add(listener);
		JobTopic watched = topic;
		return () -> unwatch(watched, listener);
	}

	/** How many jobs have a broker subscription now. */
	synchronized int subscribedJobs() {
		return this.topics.size();
	}

	private synchronized void unwatch(JobTopic topic, JobFeedListener listener) {
		if (topic.remove(listener) && this.topics.get(topic.jobId) == topic) {
			this.topics.remove(topic.jobId);
			topic.unsubscribe();
		}
	}

	/** Ends every watch of one topic (receipt lost) or of all of them (connection lost, stopping). */
	private synchronized void drop(@Nullable JobTopic only, String reason) {
		List<JobTopic> dropped = new ArrayList<>();
		if (only != null) {
			if (this.topics.remove(only.jobId, only)) {
				dropped.add(only);
				only.unsubscribe();
			}
		}
		else {
			dropped.addAll(this.topics.values());
			this.topics.clear();
		}
		dropped.forEach(topic -> topic.lost(reason));
	}

	private StompSession connectedSession() {
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			return current;
		}
		if (current != null) {
			// Its transport error may not have been reported yet: its subscriptions are gone with it.
			this.session = null;
			drop(null, "the connection to the broker was lost");
		}
		StompSession opened = this.broker.connect(new ConnectionWatcher(), JobFeedUnavailableException::new);
		this.session = opened;
		logger.info("sse_broker_connection=open broker={}", this.broker.address());
		return opened;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		drop(null, "the hub is stopping");
		StompSession current;
		synchronized (this) {
			current = this.session;
			this.session = null;
		}
		if (current != null && current.isConnected()) {
			current.disconnect();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void close() {
		this.broker.shutdown();
	}

	/** Ends one watch. */
	@FunctionalInterface
	interface Watch extends AutoCloseable {

		@Override
		void close();

	}

	/** One job's broker subscription and its listeners. */
	private final class JobTopic implements StompFrameHandler {

		private final String jobId;

		private final Set<JobFeedListener> listeners = new CopyOnWriteArraySet<>();

		private volatile boolean active;

		private StompSession.@Nullable Subscription subscription;

		JobTopic(String jobId) {
			this.jobId = jobId;
		}

		void subscribe(StompSession session) {
			StompHeaders headers = new StompHeaders();
			headers.setDestination(DESTINATION_PREFIX + EventEnvelope.jobStream(this.jobId));
			headers.setReceipt("sse-" + BrokerJobFeed.this.receipts.incrementAndGet());
			StompSession.Subscription subscribed = session.subscribe(headers, this);
			subscribed.addReceiptTask(this::activated);
			subscribed.addReceiptLostTask(() -> drop(this, "the broker did not confirm the subscription"));
			this.subscription = subscribed;
		}

		void add(JobFeedListener listener) {
			this.listeners.add(listener);
			if (this.active) {
				listener.subscribed();
			}
		}

		/** @return whether it was the last listener */
		boolean remove(JobFeedListener listener) {
			this.listeners.remove(listener);
			return this.listeners.isEmpty();
		}

		void unsubscribe() {
			StompSession.Subscription current = this.subscription;
			if (current != null && BrokerJobFeed.this.session != null && BrokerJobFeed.this.session.isConnected()) {
				current.unsubscribe();
			}
		}

		void lost(String reason) {
			this.listeners.forEach(listener -> listener.lost(reason));
		}

		private void activated() {
			this.active = true;
			this.listeners.forEach(JobFeedListener::subscribed);
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			String seq = headers.getFirst(RelayHeaders.SEQ);
			String type = headers.getFirst(RelayHeaders.TYPE);
			if (seq == null || type == null || !(payload instanceof byte[] json)) {
				logger.warn("sse_broker_message=unusable job={} seq={} type={}", this.jobId, seq, type);
				return;
			}
			LiveEvent event = new LiveEvent(Long.parseLong(seq), type, json);
			this.listeners.forEach(listener -> listener.live(event));
		}

	}

	private final class ConnectionWatcher extends StompSessionHandlerAdapter {

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
			logger.warn("sse_broker_error command={} cause={}", command, exception.getMessage());
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			logger.warn("sse_broker_error message=\"{}\"", headers.getFirst("message"));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			logger.warn("sse_broker_connection=lost cause={}", exception.toString());
			synchronized (BrokerJobFeed.this) {
				// A stale session's subscriptions were dropped when its successor opened.
				if (BrokerJobFeed.this.session == session) {
					BrokerJobFeed.this.session = null;
					drop(null, "the connection to the broker was lost");
				}
			}
		}

	}

}
