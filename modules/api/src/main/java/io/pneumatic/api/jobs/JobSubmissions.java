package io.pneumatic.api.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.Enqueued;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.ClientIdentity;

/**
 * Submits work: records a queued job owned by the submitter, then enqueues it in its lane, where a
 * worker claims it and streams the job's events. With a client key the same submission names the
 * same job and the same item, however often it is retried.
 */
@Component
public class JobSubmissions {

	private final Jobs jobs;

	private final QueueEngine queue;

	private final TransactionTemplate transactions;

	JobSubmissions(Jobs jobs, QueueEngine queue, TransactionTemplate transactions) {
		this.jobs = jobs;
		this.queue = queue;
		this.transactions = transactions;
	}

	/**
	 * Records and enqueues one job.
	 * @param lane its lane, or {@code null} to run unordered
	 * @param params the job's parameters, a JSON object
	 * @param preview a short excerpt for the queue visualization, or {@code null}
	 * @param clientKey the submitter's idempotency key, or {@code null}
	 */
	public Submitted submit(ClientIdentity owner, String type, @Nullable Lane lane, String params, @Nullable String sender,
			@Nullable String preview, @Nullable String clientKey) {
		String jobId = jobId(owner, clientKey);
		ItemDetails details = new ItemDetails(type, owner.userId(), sender, preview, jobId);
		EnqueueRequest request = new EnqueueRequest(lane, (clientKey != null) ? owner.userId() + ":" + clientKey : null,
				params, details);
		boolean recorded = this.transactions.execute((status) -> {
			if (this.jobs.existsById(jobId)) {
				return false;
			}
			// The lane of an unordered item is named by the queue; the record learns it from the first status event.
			this.jobs.save(Job.queued(jobId, type, (lane != null) ? lane.name() : null, owner.userId(), Instant.now()));
			return true;
		});
		try {
			return new Submitted(jobId, this.queue.enqueue(request));
		}
		catch (RuntimeException ex) {
			if (recorded) {
				this.jobs.deleteById(jobId);
			}
			throw ex;
		}
	}

	private static String jobId(ClientIdentity owner, @Nullable String clientKey) {
		if (clientKey == null) {
			return "j-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((owner.userId() + "\n" + clientKey).getBytes(StandardCharsets.UTF_8));
			return "j-" + HexFormat.of().formatHex(digest, 0, 10);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/**
	 * A submitted job: its id and its place in the queue.
	 * @param jobId the job to watch on {@code /topic/jobs.{jobId}}
	 * @param enqueued the queue item
	 */
	public record Submitted(String jobId, Enqueued enqueued) {
	}

}
