package io.pneumatic.realtime.internal.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The serial lane of one STOMP session: tasks run one at a time, in submission order, on a virtual
 * thread (or, when the lane is idle and the task cannot block, on the submitter's), and own the
 * session's {@link ReplayCursor}s.
 */
final class SessionLane {

	private static final Logger logger = LoggerFactory.getLogger(SessionLane.class);

	private final String sessionId;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	/** Cursors by subscription id; touched on the lane only. */
	private final Map<String, ReplayCursor<Message<byte[]>>> cursors = new HashMap<>();

	/**
	 * Subscription ids by the receipt that confirms their broker subscription; filled by the inbound
	 * channel before the SUBSCRIBE goes on, emptied by the outbound channel when the RECEIPT comes back.
	 */
	private final Map<String, String> receipts = new ConcurrentHashMap<>();

	SessionLane(String sessionId) {
		this.sessionId = sessionId;
	}

	String sessionId() {
		return this.sessionId;
	}

	/** Cursors by subscription id; to be used from lane tasks only. */
	Map<String, ReplayCursor<Message<byte[]>>> cursors() {
		return this.cursors;
	}

	/** Subscription ids by the receipt awaited for them; thread-safe. */
	Map<String, String> receipts() {
		return this.receipts;
	}

	/** Queues a task; it runs after every task submitted before it. */
	void submit(Runnable task) {
		this.tasks.add(task);
		if (this.draining.compareAndSet(false, true)) {
			startDrainer();
		}
	}

	/**
	 * Runs a task on the calling thread if the lane is idle, as if it had been submitted; the task must
	 * not block, and reports whether it got its work done.
	 * @return false if the lane was busy or the task left its work undone (submit it then)
	 */
	boolean runIfIdle(BooleanSupplier task) {
		if (!this.tasks.isEmpty() || !this.draining.compareAndSet(false, true)) {
			return false;
		}
		boolean done = true;
		try {
			done = task.getAsBoolean();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
		finally {
			release();
		}
		return done;
	}

	/** Whether no task runs or waits. */
	boolean isIdle() {
		return !this.draining.get() && this.tasks.isEmpty();
	}

	private void drain() {
		do {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					failed(ex);
				}
			}
			this.draining.set(false);
		}
		while (!this.tasks.isEmpty() && this.draining.compareAndSet(false, true));
	}

	/** Gives the lane up after a task ran on the caller's thread; tasks that came meanwhile get a drainer. */
	private void release() {
		this.draining.set(false);
		if (!this.tasks.isEmpty() && this.draining.compareAndSet(false, true)) {
			startDrainer();
		}
	}

	private void startDrainer() {
		Thread.ofVirtual().name("stomp-lane-" + this.sessionId).start(this::drain);
	}

	private void failed(RuntimeException ex) {
		logger.warn("stomp_lane_task_failed session={} cause={}", this.sessionId, ex.toString());
	}

}
