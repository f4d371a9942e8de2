package io.pneumatic.realtime.internal.sse;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import io.pneumatic.realtime.ClientIdentity;
import io.pneumatic.realtime.EventEnvelope;
import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.EventTypes;
import io.pneumatic.realtime.JobOwnership;
import io.pneumatic.realtime.internal.replay.ReplayOutcomes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/jobs/{id}/stream}: a job's events as Server-Sent Events, open to the job's
 * owner, moderators and admins (404 for anyone else, as for the job itself).
 *
 * <p>The stream starts after {@code Last-Event-ID} (header; the {@code last_event_id} query parameter
 * for a first connect, which browsers cannot give a header), else after the job's current head, and
 * ends after the job's {@code done} event. A client that already has {@code done} gets 204, which
 * stops a browser's {@code EventSource} from reconnecting.
 */
@RestController
class JobStreamController {

	static final String LAST_EVENT_ID = "Last-Event-ID";

	private static final String JOB_ID = "[A-Za-z0-9_-]{1,64}";

	private static final String JOB_ID_MESSAGE = "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -";

	private final BrokerJobFeed feed;

	private final EventLog eventLog;

	private final JobOwnership jobOwnership;

	private final JsonMapper jsonMapper;

	private final SseSettings settings;

	private final ReplayOutcomes outcomes;

	JobStreamController(BrokerJobFeed feed, EventLog eventLog, JobOwnership jobOwnership, JsonMapper jsonMapper,
			SseSettings settings, ReplayOutcomes outcomes) {
		this.outcomes = outcomes;
		this.feed = feed;
		this.eventLog = eventLog;
		this.jobOwnership = jobOwnership;
		this.jsonMapper = jsonMapper;
		this.settings = settings;
	}

	@GetMapping("/api/v1/jobs/{id}/stream")
	void stream(@PathVariable @Pattern(regexp = JOB_ID, message = JOB_ID_MESSAGE) String id,
			@RequestHeader(name = LAST_EVENT_ID, required = false) @Min(0) @Nullable Long lastEventId,
			@RequestParam(name = "last_event_id", required = false) @Min(0) @Nullable Long firstLastEventId,
			@AuthenticationPrincipal @Nullable ClientIdentity viewer, HttpServletResponse response) throws IOException {
		if (viewer == null || !this.jobOwnership.isOpenTo(id, viewer)) {
			throw problem(HttpStatus.NOT_FOUND, "Job not found", "No job has the id " + id, "JOB_NOT_FOUND", id);
		}
		// The header wins: a browser reconnects to the same URL with the newer id in the header.
		Long resumeAfter = (lastEventId != null) ? lastEventId : firstLastEventId;
		long head = this.eventLog.headSeq(id);
		long afterSeq = (resumeAfter != null) ? resumeAfter : head;
		if (afterSeq >= head && isFinished(id, head)) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		JobEventStream stream = new JobEventStream(id, afterSeq, this.eventLog, this.jsonMapper, this.settings,
				this.outcomes);
		BrokerJobFeed.Watch watch;
		try {
			watch = this.feed.watch(id, stream);
		}
		catch (JobFeedUnavailableException ex) {
			throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Live events unavailable",
					"The hub cannot receive live events now (" + ex.getMessage() + "); retry shortly",
					"BROKER_UNAVAILABLE", id);
		}
		try (watch) {
			response.setStatus(HttpStatus.OK.value());
			response.setContentType("text/event-stream");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
			// nginx and similar proxies pass events on at once instead of buffering the response.
			response.setHeader("X-Accel-Buffering", "no");
			response.flushBuffer();
			stream.writeTo(response.getOutputStream());
		}
	}

	/** Whether the job's last event, at {@code head}, is its {@code done}. */
	private boolean isFinished(String jobId, long head) {
		if (head == 0) {
			return false;
		}
		List<EventEnvelope> last = this.eventLog.eventsAfter(jobId, head - 1, 1);
		return last.stream().anyMatch(event -> EventTypes.DONE.equals(event.type()));
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail, String code,
			String jobId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("code", code);
		problem.setProperty("job_id", jobId);
		return new ErrorResponseException(status, problem, null);
	}

}
