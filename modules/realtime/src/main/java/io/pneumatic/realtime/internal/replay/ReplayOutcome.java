package io.pneumatic.realtime.internal.replay;

import java.util.Locale;

/**
 * How a replay after {@code last-seq} went: {@code ws_replays_total{outcome}}.
 */
public enum ReplayOutcome {

	/** Every event came from Redis. */
	COMPLETE,

	/** Some events were beyond Redis retention and came from PostgreSQL. */
	FROM_POSTGRESQL,

	/** Some events were gone everywhere; a {@code replay_truncated} named the range. */
	TRUNCATED;

	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
