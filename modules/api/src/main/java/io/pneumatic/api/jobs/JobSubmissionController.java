package io.pneumatic.api.jobs;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.Lane;
import io.pneumatic.realtime.ClientIdentity;

/**
 * {@code POST /api/v1/jobs}: starts a job of the caller's, queued in the lane it names or unordered.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobSubmissionController {

	private final JobSubmissions submissions;

	private final JsonMapper json;

	JobSubmissionController(JobSubmissions submissions, JsonMapper json) {
		this.submissions = submissions;
		this.json = json;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	SubmissionAccepted submit(@RequestBody @Valid JobRequest request, @AuthenticationPrincipal ClientIdentity caller) {
		Lane lane = (request.lane() != null) ? Lane.of(request.lane()) : null;
		Map<String, Object> params = (request.params() != null) ? request.params() : Map.of();
		return SubmissionAccepted.of(this.submissions.submit(caller, request.type(), lane,
				this.json.writeValueAsString(params), null, null, request.clientKey()));
	}

	/**
	 * @param type the job type, lower snake case
	 * @param params its parameters, a JSON object
	 * @param lane the FIFO lane to run in; none runs it unordered
	 * @param clientKey an idempotency key: the same key gives the same job
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record JobRequest(@NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "must be lower snake case, at most 64 characters") String type,
			@Nullable Map<String, Object> params, @Nullable String lane,
			@Nullable @Pattern(regexp = "[A-Za-z0-9_.:-]{1,128}", message = "must be 1 to 128 characters of A-Z, a-z, 0-9, _ . : -") String clientKey) {
	}

}
