package io.pneumatic.sim.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.pneumatic.queue.Lease;
import io.pneumatic.queue.QueueEngine;

/**
 * Keeps one claim's lease while its worker pauses between events: heartbeats once a third of the
 * remaining lease has passed, so a slow item is never handed out again while it is being worked on.
 *
 * <p>Used by the worker's own thread only; heartbeats happen inside {@link #pause}, so there is no
 * second thread per item. The lease deadline is Redis time, compared with this machine's clock; the
 * margin of two thirds of the lease covers ordinary clock skew.
 */
final class LeaseKeeper {

	private static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(5);

	private final QueueEngine engine;

	private final Lease lease;

	private Instant nextHeartbeat;

	private boolean lost;

	LeaseKeeper(QueueEngine engine, Lease lease, Instant deadline) {
		this.engine = engine;
		this.lease = lease;
		this.nextHeartbeat = heartbeatBefore(deadline);
	}

	/**
	 * Waits {@code duration}, heartbeating when due (also when the duration is zero).
	 * @return {@code false} if the lease was lost: the item is someone else's now, stop working on it
	 * @throws InterruptedException if the worker is stopping
	 */
	boolean pause(Duration duration) throws InterruptedException {
		Instant end = Instant.now().plus(duration);
		while (true) {
			if (!this.lost && !Instant.now().isBefore(this.nextHeartbeat)) {
				Optional<Instant> deadline = this.engine.heartbeat(this.lease);
				if (deadline.isEmpty()) {
					this.lost = true;
				}
				else {
					this.nextHeartbeat = heartbeatBefore(deadline.get());
				}
			}
			if (this.lost) {
				return false;
			}
			Instant now = Instant.now();
			if (!now.isBefore(end)) {
				return true;
			}
			Instant wakeUp = end.isBefore(this.nextHeartbeat) ? end : this.nextHeartbeat;
			Thread.sleep(Duration.between(now, wakeUp));
		}
	}

	/** Whether a heartbeat found the lease gone. */
	boolean isLost() {
		return this.lost;
	}

	private static Instant heartbeatBefore(Instant deadline) {
		Instant now = Instant.now();
		Duration third = Duration.between(now, deadline).dividedBy(3);
		return now.plus((third.compareTo(MIN_HEARTBEAT_INTERVAL) < 0) ? MIN_HEARTBEAT_INTERVAL : third);
	}

}
