package io.pneumatic.realtime.internal.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where one subscription to a job stream stands: the next sequence number its client must get, and
 * the live messages held back until the broker confirmed the subscription.
 *
 * <p>Serves STOMP subscriptions (live messages are the broker's frames) and SSE clients alike. Not
 * thread-safe: used from one thread at a time (a STOMP session's lane, an SSE client's thread).
 *
 * @param <M> the type of the live messages, each with the sequence number it is passed with
 */
public final class ReplayCursor<M> {

	/** Live messages held while awaiting the broker; beyond this they are read from the log instead. */
	static final int MAX_HELD = 10_000;

	static final int PAGE_SIZE = 500;

	private final String jobId;

	private final @Nullable Long lastSeq;

	private final TreeMap<Long, M> held = new TreeMap<>();

	private boolean live;

	private long nextSeq;

	/**
	 * @param jobId the job whose stream is subscribed
	 * @param lastSeq the {@code last-seq} the client asked to resume after, or {@code null} to start now
	 */
	public ReplayCursor(String jobId, @Nullable Long lastSeq) {
		this.jobId = jobId;
		this.lastSeq = lastSeq;
	}

	/** The next sequence number this subscription's client must get (meaningful once live). */
	public long nextSeq() {
		return this.nextSeq;
	}

	/** A message arrived from the broker for this subscription. */
	public void onLive(long seq, M message, CursorOutput<M> out) {
		if (!this.live) {
			if (this.held.size() < MAX_HELD) {
				this.held.put(seq, message);
			}
			return;
		}
		deliverInOrder(seq, message, out);
	}

	/** Whether {@link #onLive} would read the event log for this message: it leaves a gap after what was delivered. */
	public boolean readsLogFor(long seq) {
		return this.live && seq > this.nextSeq;
	}

	/** The broker confirmed the subscription: replay, then release what was held. */
	public void onBrokerSubscribed(CursorOutput<M> out) {
		if (this.live) {
			return;
		}
		long head = out.headSeq(this.jobId);
		if (this.lastSeq == null) {
			this.nextSeq = head + 1;
		}
		else {
			this.nextSeq = this.lastSeq + 1;
			if (this.nextSeq <= head) {
				long oldestRetained = out.oldestRetainedSeq(this.jobId);
				boolean fromArchive = oldestRetained == 0 || this.nextSeq < oldestRetained;
				boolean truncated = catchUp(head, out);
				out.replayed(truncated ? ReplayOutcome.TRUNCATED
						: fromArchive ? ReplayOutcome.FROM_POSTGRESQL : ReplayOutcome.COMPLETE);
			}
			out.deliverFromLog(control(EventTypes.REPLAY_COMPLETE, "last_seq", this.nextSeq - 1));
		}
		this.live = true;
		for (Map.Entry<Long, M> entry : this.held.entrySet()) {
			deliverInOrder(entry.getKey(), entry.getValue(), out);
		}
		this.held.clear();
	}

	private void deliverInOrder(long seq, M message, CursorOutput<M> out) {
		if (seq < this.nextSeq) {
			return;
		}
		if (seq > this.nextSeq) {
			catchUp(seq - 1, out);
		}
		out.deliverLive(message);
		this.nextSeq = seq + 1;
	}

	/**
	 * Delivers events {@code nextSeq..upTo} from the event log.
	 * @return whether some of them were gone (a {@code replay_truncated} went out)
	 */
	private boolean catchUp(long upTo, CursorOutput<M> out) {
		boolean truncated = false;
		while (this.nextSeq <= upTo) {
			int limit = (int) Math.min(PAGE_SIZE, upTo - this.nextSeq + 1);
			List<EventEnvelope> page = out.eventsAfter(this.jobId, this.nextSeq - 1, limit);
			boolean progressed = false;
			for (EventEnvelope event : page) {
				long reaches = reaches(event);
				if (reaches < this.nextSeq) {
					continue;
				}
				out.deliverFromLog(event);
				truncated |= event.seq() == null;
				this.nextSeq = Math.min(reaches, upTo) + 1;
				progressed = true;
				if (this.nextSeq > upTo) {
					break;
				}
			}
			if (!progressed) {
				out.deliverFromLog(truncated(this.nextSeq, upTo));
				truncated = true;
				this.nextSeq = upTo + 1;
			}
		}
		return truncated;
	}

	/** The highest sequence number an event accounts for: its own, or the end of a truncated range. */
	private static long reaches(EventEnvelope event) {
		if (event.seq() != null) {
			return event.seq();
		}
		if (EventTypes.REPLAY_TRUNCATED.equals(event.type())) {
			return event.payload().path("to_seq").asLong(-1);
		}
		return -1;
	}

	private EventEnvelope truncated(long fromSeq, long toSeq) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode().put("from_seq", fromSeq).put("to_seq", toSeq);
		return new EventEnvelope(EventEnvelope.jobStream(this.jobId), null, EventTypes.REPLAY_TRUNCATED, Instant.now(),
				payload);
	}

	private EventEnvelope control(String type, String field, long value) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode().put(field, value);
		return new EventEnvelope(EventEnvelope.jobStream(this.jobId), null, type, Instant.now(), payload);
	}

}
