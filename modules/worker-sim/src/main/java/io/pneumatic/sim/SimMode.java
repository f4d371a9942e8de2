package io.pneumatic.sim;

/**
 * What the worker simulator does once started.
 */
public enum SimMode {

	/** Plays simulated jobs (LLM agent, content moderation, batch job) until stopped. */
	DEMO,

	/** Subscribes STOMP clients, publishes at fixed rates and reports latency and delivery. */
	LOAD,

	/** Benchmarks the queue engine: enqueue → claim → complete over 1 to 10,000 lanes (option {@code --mode=queue-load}). */
	QUEUE_LOAD

}
