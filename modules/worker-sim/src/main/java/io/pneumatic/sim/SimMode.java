package io.pneumatic.sim;

/**
 * What the worker simulator does once started.
 */
public enum SimMode {

	/**
	 * Plays simulated jobs (LLM agent, content moderation, batch job), feeds the queue with sample
	 * topics, posts and messages, works the queue and simulates the cluster fleet, until stopped.
	 */
	DEMO,

	/** Works the queue only: claims items and processes each as a moderation job, until stopped. */
	WORKER,

	/**
	 * Simulates a fleet of GPU clusters publishing ops events (status, metrics, alerts, GPU telemetry,
	 * anomalies, traces, chat), until stopped; demo mode runs the same simulation.
	 */
	FLEET,

	/** Subscribes STOMP clients, publishes at fixed rates and reports latency and delivery. */
	LOAD,

	/** Benchmarks the queue engine: enqueue → claim → complete over 1 to 10,000 lanes (option {@code --mode=queue-load}). */
	QUEUE_LOAD,

	/** Benchmarks presence: how fast a client's join reaches observers of its channel (option {@code --mode=presence-load}). */
	PRESENCE_LOAD

}
