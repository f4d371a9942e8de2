package io.pneumatic.realtime.internal.delivery;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The kind of stream a destination belongs to, which decides what a slow client may lose: telemetry
 * (ops, system, queue feed) is superseded by the next message and may be dropped, oldest first;
 * everything else — job streams above all — is never dropped silently.
 */
enum StreamFamily {

	JOBS(false), OPS(true), SYSTEM(true), QUEUES(true), PRESENCE(false), CHANNELS(false), USER(false), OTHER(false);

	private final boolean droppable;

	StreamFamily(boolean droppable) {
		this.droppable = droppable;
	}

	boolean droppable() {
		return this.droppable;
	}

	/** The lower-case name used as a metric tag. */
	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	static StreamFamily of(@Nullable String destination) {
		if (destination == null) {
			return OTHER;
		}
		if (destination.startsWith("/topic/jobs.")) {
			return JOBS;
		}
		if (destination.startsWith("/topic/ops.")) {
			return OPS;
		}
		if (destination.equals("/topic/system")) {
			return SYSTEM;
		}
		if (destination.equals("/topic/queues") || destination.startsWith("/topic/queues.")) {
			return QUEUES;
		}
		if (destination.startsWith("/topic/presence.")) {
			return PRESENCE;
		}
		if (destination.startsWith("/topic/channels.")) {
			return CHANNELS;
		}
		if (destination.startsWith("/user/")) {
			return USER;
		}
		return OTHER;
	}

}
