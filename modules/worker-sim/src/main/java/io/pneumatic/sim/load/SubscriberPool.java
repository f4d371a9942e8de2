package io.pneumatic.sim.load;

import java.time.Duration;

/**
 * The benchmark's subscribers over one transport (STOMP or SSE), each resuming after the highest
 * seq it saw when its connection drops.
 */
interface SubscriberPool extends AutoCloseable {

	/**
	 * Opens every connection, at most {@code concurrency} at a time.
	 * @throws IllegalStateException if the connections cannot be opened within {@code timeout}
	 */
	void connect(int concurrency, Duration timeout) throws InterruptedException;

	/** How many times a connection was re-opened after it dropped. */
	long reconnects();

	/** How many connections (STOMP connections, SSE streams) the pool holds. */
	int size();

	@Override
	void close();

}
