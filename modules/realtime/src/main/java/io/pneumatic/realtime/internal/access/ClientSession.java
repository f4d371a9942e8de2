package io.pneumatic.realtime.internal.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bucket;
import io.pneumatic.realtime.ClientIdentity;
import org.jspecify.annotations.Nullable;

/**
 * One STOMP connection as access control sees it: whose it is (changed by a token refresh), its
 * subscriptions, its own frame budget, and the timer that ends it when its token expires.
 * Thread-safe: frames of one session arrive on several threads.
 */
final class ClientSession {

	static final String ERRORS = "/user/queue/errors";

	private final String id;

	private volatile ClientIdentity identity;

	private final Bucket frames;

	private final Map<String, String> subscriptions = new ConcurrentHashMap<>();

	private final AtomicInteger refusedInARow = new AtomicInteger();

	private volatile @Nullable ScheduledFuture<?> expiry;

	private final AtomicBoolean ending = new AtomicBoolean();

	ClientSession(String id, ClientIdentity identity, Bucket frames) {
		this.id = id;
		this.identity = identity;
		this.frames = frames;
	}

	String id() {
		return this.id;
	}

	ClientIdentity identity() {
		return this.identity;
	}

	void identity(ClientIdentity identity) {
		this.identity = identity;
	}

	Bucket frames() {
		return this.frames;
	}

	/** Subscription id to destination. */
	Map<String, String> subscriptions() {
		return this.subscriptions;
	}

	/** Whether the client listens on {@code /user/queue/errors}, where recoverable errors go. */
	boolean hearsErrors() {
		return this.subscriptions.containsValue(ERRORS);
	}

	/** Counts a rate-limited frame; returns how many came in a row. */
	int refused() {
		return this.refusedInARow.incrementAndGet();
	}

	void accepted() {
		this.refusedInARow.set(0);
	}

	/** Marks the session as being ended by the hub; true only for the first caller. */
	boolean startEnding() {
		return this.ending.compareAndSet(false, true);
	}

	/** Whether the hub is ending the session: its frames are dropped without a word. */
	boolean isEnding() {
		return this.ending.get();
	}

	/** Replaces the expiry timer, cancelling the previous one. */
	void expiry(@Nullable ScheduledFuture<?> timer) {
		ScheduledFuture<?> previous = this.expiry;
		this.expiry = timer;
		if (previous != null) {
			previous.cancel(false);
		}
	}

}
