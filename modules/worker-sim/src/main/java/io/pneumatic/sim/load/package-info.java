/**
 * Load mode: the end-to-end benchmark of the hub, from {@code EventPublisher.publish} to STOMP or SSE clients.
 *
 * <h2>Concurrency model</h2>
 * {@link io.pneumatic.sim.load.LoadBenchmark} runs on the main thread, one step per rate. A step's
 * publish schedule is shared by a few virtual threads ({@code publisher-threads}), each paced by
 * {@link io.pneumatic.sim.load.RatePacer} against the intended send time of its events. Subscriptions
 * are spread over STOMP connections ({@code subscribers-per-connection}); frames of one connection
 * arrive one at a time on the WebSocket client's thread, which updates that subscription's
 * {@link io.pneumatic.sim.load.DeliveryTally} and the shared, lock-free {@link io.pneumatic.sim.load.LatencyRecorder}s
 * (every event; each job's first token). Over SSE each subscriber has its own HTTP stream, read by a
 * virtual thread of its own.
 *
 * <h2>Lifecycle</h2>
 * Connect and subscribe every client with {@code last-seq: 0} (SSE: {@code Last-Event-ID: 0}) and wait
 * for {@code replay_complete} (or the subscription's RECEIPT); then per step: warm-up, measurement,
 * drain, tally. A client that loses its connection (or whose SSE stream the hub ends before
 * {@code done}) reconnects and resumes with {@code last-seq} / {@code Last-Event-ID} = the highest seq
 * it saw, as a browser would. At the end every job gets {@code done} and the connections close.
 *
 * <h2>Invariants</h2>
 * {@code sent_nanos} in each payload is the event's <em>intended</em> send time on this JVM's
 * {@code System.nanoTime()} clock, so a publisher that falls behind shows up as latency rather than
 * being hidden (no coordinated omission). Latency counts only events intended for the measurement
 * window; lost, duplicated and out-of-order counts cover every event of the step, per subscriber, by seq.
 */
@NullMarked
package io.pneumatic.sim.load;

import org.jspecify.annotations.NullMarked;
