package io.pneumatic.realtime.internal.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventTypes;
import io.pneumatic.realtime.internal.replay.CursorOutput;
import io.pneumatic.realtime.internal.replay.ReplayCursor;
import io.pneumatic.realtime.internal.replay.EventLogOutput;
import io.pneumatic.realtime.internal.replay.ReplayOutcomes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SSE client of a job stream: the live events the {@link BrokerJobFeed} hands it wait in a
 * bounded inbox, and the client's own thread writes them through a {@link ReplayCursor} — the same
 * replay and ordering as a STOMP subscription — as {@code id:}/{@code data:} events.
 *
 * <p>The feed's calls only enqueue and never block. A client whose inbox holds {@code bufferSize}
 * events when another arrives is cut off: its stream ends and it resumes with {@code Last-Event-ID}.
 * {@link #writeTo} runs on the client's request thread (a virtual thread) until the job's
 * {@code done} event, a cut-off, a lost feed or a vanished client.
 */
final class JobEventStream implements JobFeedListener {

	private static final Logger logger = LoggerFactory.getLogger(JobEventStream.class);

	private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] DATA_FIELD = "data: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

	private final String jobId;

	private final ReplayCursor<LiveEvent> cursor;

	private final EventLog eventLog;

	private final JsonMapper jsonMapper;

	private final ReplayOutcomes outcomes;

	private final Duration keepalive;

	private final int bufferSize;

	private final BlockingQueue<Signal> inbox = new LinkedBlockingQueue<>();

	private volatile @Nullable String endReason;

	/** Set once {@code done} was written; touched by the writing thread only. */
	private boolean finished;

	/**
	 * @param jobId the job
	 * @param afterSeq the last sequence number the client has; the stream starts after it
	 */
	JobEventStream(String jobId, long afterSeq, EventLog eventLog, JsonMapper jsonMapper, SseSettings settings,
			ReplayOutcomes outcomes) {
		this.jobId = jobId;
		this.cursor = new ReplayCursor<>(jobId, afterSeq);
		this.eventLog = eventLog;
		this.jsonMapper = jsonMapper;
		this.outcomes = outcomes;
		this.keepalive = settings.keepalive();
		this.bufferSize = settings.bufferSize();
	}

	@Override
	public void subscribed() {
		this.inbox.add(Signal.SUBSCRIBED);
	}

	@Override
	public void live(LiveEvent event) {
		// One job's messages come from one connection, on one thread: the check and the add do not race.
		if (this.inbox.size() >= this.bufferSize) {
			end("the client fell " + this.bufferSize + " events behind");
			return;
		}
		this.inbox.add(new Signal.Live(event));
	}

	@Override
	public void lost(String reason) {
		end(reason);
	}

	private void end(String reason) {
		if (this.endReason == null) {
			this.endReason = reason;
			this.inbox.add(Signal.END);
		}
	}

	/**
	 * Writes the stream until it ends: replay after the client's last sequence number once the feed
	 * is subscribed, then live events, keepalive comments while silent.
	 */
	void writeTo(OutputStream out) {
		CursorOutput<LiveEvent> output = new SseOutput(out);
		try {
			while (!this.finished) {
				Signal signal = this.inbox.poll(this.keepalive.toNanos(), TimeUnit.NANOSECONDS);
				String reason = this.endReason;
				if (reason != null) {
					logger.info("sse_stream=ended job={} next_seq={} reason=\"{}\"", this.jobId, this.cursor.nextSeq(), reason);
					return;
				}
				switch (signal) {
					case null -> out.write(KEEPALIVE);
					case Signal.Subscribed subscribed -> this.cursor.onBrokerSubscribed(output);
					case Signal.Live live -> this.cursor.onLive(live.event().seq(), live.event(), output);
					case Signal.End end -> {
					}
				}
				if (this.finished || this.inbox.isEmpty()) {
					out.flush();
				}
			}
			logger.debug("sse_stream=finished job={}", this.jobId);
		}
		catch (IOException | UncheckedIOException ex) {
			logger.debug("sse_stream=client_gone job={} cause={}", this.jobId, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What the cursor reads (the event log) and where it writes (the client's response, as SSE). */
	private final class SseOutput extends EventLogOutput<LiveEvent> {

		private final OutputStream out;

		SseOutput(OutputStream out) {
			super(JobEventStream.this.eventLog, JobEventStream.this.outcomes);
			this.out = out;
		}

		@Override
		public void deliverLive(LiveEvent event) {
			write(event.seq(), event.json(), event.type());
		}

		@Override
		public void deliverFromLog(EventEnvelope event) {
			write(lastSeqAccountedFor(event), JobEventStream.this.jsonMapper.writeValueAsBytes(event), event.type());
		}

		/** Writes one event; nothing after {@code done}, which ends the stream. */
		private void write(@Nullable Long id, byte[] json, String type) {
			if (JobEventStream.this.finished) {
				return;
			}
			try {
				if (id != null) {
					this.out.write(("id: " + id + "\n").getBytes(StandardCharsets.US_ASCII));
				}
				this.out.write(DATA_FIELD);
				this.out.write(json);
				this.out.write(EVENT_END);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (EventTypes.DONE.equals(type)) {
				JobEventStream.this.finished = true;
			}
		}

		/**
		 * The SSE id of an event: its sequence number; for {@code replay_truncated} the end of its range,
		 * which it accounts for; none for {@code replay_complete} (the client's last id stays as it was).
		 */
		private static @Nullable Long lastSeqAccountedFor(EventEnvelope event) {
			if (event.seq() != null) {
				return event.seq();
			}
			if (EventTypes.REPLAY_TRUNCATED.equals(event.type())) {
				return event.payload().path("to_seq").asLong();
			}
			return null;
		}

	}

	/** What the feed tells the writing thread. */
	private sealed interface Signal {

		Signal SUBSCRIBED = new Subscribed();

		Signal END = new End();

		/** The broker subscription is active. */
		record Subscribed() implements Signal {
		}

		/** An event from the broker. */
		record Live(LiveEvent event) implements Signal {
		}

		/** Wakes the writer: {@link JobEventStream#endReason} says why. */
		record End() implements Signal {
		}

	}

}
