package io.pneumatic.realtime.internal.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The frames waiting for one slow client, bounded in count and bytes. When it is full, the oldest
 * droppable frame (telemetry that the next one supersedes) makes room; a frame that may not be
 * dropped and finds no room is an overflow, and the client has to be cut off.
 *
 * <p>Thread-safe: any thread offers, one writer takes.
 *
 * @param <T> the queued item
 */
final class OutboundQueue<T> {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final Condition roomy = this.lock.newCondition();

	private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();

	private final int maxItems;

	private final long maxBytes;

	private long bytes;

	OutboundQueue(int maxItems, long maxBytes) {
		this.maxItems = maxItems;
		this.maxBytes = maxBytes;
	}

	/**
	 * Queues an item if there is room or a droppable item to make room with.
	 * @param droppable whether the item may be dropped to make room for a later one
	 */
	Offer<T> offer(T item, boolean droppable, int size) {
		this.lock.lock();
		try {
			List<T> dropped = new ArrayList<>();
			while (!fits(size)) {
				T oldest = dropOldestDroppable();
				if (oldest == null) {
					if (droppable) {
						dropped.add(item);
						return new Offer<>(Outcome.DROPPED_NEW, dropped);
					}
					return new Offer<>(Outcome.OVERFLOW, dropped);
				}
				dropped.add(oldest);
			}
			add(new Entry<>(item, droppable, size));
			return new Offer<>(dropped.isEmpty() ? Outcome.QUEUED : Outcome.DROPPED_OLDEST, dropped);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Empties the queue and queues one last item, whatever the bounds. */
	void replaceAllWith(T item) {
		this.lock.lock();
		try {
			this.entries.clear();
			this.bytes = 0;
			this.roomy.signalAll();
			add(new Entry<>(item, false, 0));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Queues an item after the others, whatever the bounds. */
	void append(T item) {
		this.lock.lock();
		try {
			add(new Entry<>(item, false, 0));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The next item, waiting up to {@code timeout}; {@code null} if none came. */
	@Nullable T take(Duration timeout) throws InterruptedException {
		this.lock.lock();
		try {
			long nanos = timeout.toNanos();
			while (this.entries.isEmpty()) {
				if (nanos <= 0) {
					return null;
				}
				nanos = this.notEmpty.awaitNanos(nanos);
			}
			Entry<T> entry = this.entries.poll();
			this.bytes -= entry.size();
			if (isRoomy()) {
				this.roomy.signalAll();
			}
			return entry.item();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until the queue is at most half full, for producers that can wait (a replay reading the
	 * event log page by page) rather than overflow it.
	 * @return whether it got there within {@code timeout}
	 */
	boolean awaitRoom(Duration timeout) throws InterruptedException {
		this.lock.lock();
		try {
			long nanos = timeout.toNanos();
			while (!isRoomy()) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.roomy.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isRoomy() {
		return this.entries.size() <= this.maxItems / 2 && this.bytes <= this.maxBytes / 2;
	}

	int size() {
		this.lock.lock();
		try {
			return this.entries.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isEmpty() {
		return size() == 0;
	}

	private boolean fits(int size) {
		return this.entries.size() < this.maxItems && (this.entries.isEmpty() || this.bytes + size <= this.maxBytes);
	}

	private void add(Entry<T> entry) {
		this.entries.add(entry);
		this.bytes += entry.size();
		this.notEmpty.signal();
	}

	private @Nullable T dropOldestDroppable() {
		for (Iterator<Entry<T>> it = this.entries.iterator(); it.hasNext();) {
			Entry<T> entry = it.next();
			if (entry.droppable()) {
				it.remove();
				this.bytes -= entry.size();
				return entry.item();
			}
		}
		return null;
	}

	/** What became of an offered item. */
	enum Outcome {

		/** Queued. */
		QUEUED,

		/** Queued after the oldest droppable items were dropped to make room. */
		DROPPED_OLDEST,

		/** Not queued: the queue is full of items that may not be dropped, and this one may. */
		DROPPED_NEW,

		/** Not queued: it may not be dropped, and no room could be made (droppable items may be gone). */
		OVERFLOW

	}

	/**
	 * @param outcome what happened
	 * @param dropped the items dropped, oldest first (the offered one itself with {@link Outcome#DROPPED_NEW})
	 */
	record Offer<T>(Outcome outcome, List<T> dropped) {
	}

	private record Entry<T>(T item, boolean droppable, int size) {
	}

}
