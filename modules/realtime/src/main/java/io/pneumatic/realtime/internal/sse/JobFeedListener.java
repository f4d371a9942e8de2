package io.pneumatic.realtime.internal.sse;

/**
 * Receives one job's live events from the {@link BrokerJobFeed}. Called on Netty threads: each
 * method must return at once, never block.
 */
interface JobFeedListener {

	/** The broker subscription is active: every event relayed from now on reaches {@link #live}. May come twice. */
	void subscribed();

	/** An event arrived from the broker, possibly again or out of order (the relay delivers at least once). */
	void live(LiveEvent event);

	/** The feed can no longer promise live events (broker connection lost, hub stopping); no more calls follow. */
	void lost(String reason);

}
