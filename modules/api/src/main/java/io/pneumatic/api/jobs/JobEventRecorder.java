package io.pneumatic.api.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventStreamConsumer;

/**
 * The {@code persist} consumer group: stores every job event in PostgreSQL and keeps each job's
 * snapshot, one transaction per batch.
 *
 * <p>Idempotent: a batch offered again inserts nothing twice and moves no snapshot backwards. If
 * PostgreSQL is unreachable, {@link #consume} throws and the realtime module offers the batch again later.
 */
@Component
class JobEventRecorder implements EventStreamConsumer {

	static final String GROUP = "persist";

	private static final Logger logger = LoggerFactory.getLogger(JobEventRecorder.class);

	private final JobEvents events;

	private final Jobs jobs;

	private final TransactionOperations transactions;

	private final Duration readInterval;

	JobEventRecorder(JobEvents events, Jobs jobs, TransactionOperations transactions, JobsSettings settings) {
		this.events = events;
		this.jobs = jobs;
		this.transactions = transactions;
		this.readInterval = settings.persistInterval();
	}

	@Override
	public String group() {
		return GROUP;
	}

	/** Persistence may lag a little: fewer reads make fuller batches, each one transaction. */
	@Override
	public Duration readInterval() {
		return this.readInterval;
	}

	@Override
	public void consume(List<EventEnvelope> batch) {
		// Sorted by job id, then seq: concurrent batches (another instance, a redelivery) take row
		// locks in the same order and cannot deadlock.
		Map<String, List<JobEvent>> byJob = new TreeMap<>();
		for (EventEnvelope envelope : batch) {
			JobEvent event = JobEvent.of(envelope);
			if (event == null) {
				logger.warn("event=event_skipped reason=not_a_job_event stream={} type={}", envelope.stream(),
						envelope.type());
				continue;
			}
			byJob.computeIfAbsent(event.jobId(), jobId -> new ArrayList<>()).add(event);
		}
		if (byJob.isEmpty()) {
			return;
		}
		byJob.values().forEach(jobEvents -> jobEvents.sort(Comparator.comparingLong(JobEvent::seq)));
		int inserted = this.transactions.execute(status -> record(byJob));
		logger.debug("event=events_recorded received={} inserted={} jobs={}", batch.size(), inserted, byJob.size());
	}

	private int record(Map<String, List<JobEvent>> byJob) {
		Map<String, Instant> firstSeen = new TreeMap<>();
		byJob.forEach((jobId, jobEvents) -> firstSeen.put(jobId, jobEvents.getFirst().envelope().ts()));
		this.events.insertMissingJobs(firstSeen);
		int inserted = this.events.insertAll(byJob.values().stream().flatMap(List::stream).toList());
		List<Job> locked = this.jobs.findAllForUpdate(byJob.keySet());
		if (locked.size() != byJob.size()) {
			throw new IllegalStateException("jobs vanished while recording their events: expected " + byJob.size()
					+ ", locked " + locked.size());
		}
		locked.forEach((job) -> byJob.get(job.id()).forEach(job::apply));
		return inserted;
	}

}
