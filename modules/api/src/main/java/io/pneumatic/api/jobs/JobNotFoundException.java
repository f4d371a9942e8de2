package io.pneumatic.api.jobs;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No job has the requested id; answered with a 404 problem of code {@code JOB_NOT_FOUND}.
 */
class JobNotFoundException extends ErrorResponseException {

	JobNotFoundException(String jobId) {
		super(HttpStatus.NOT_FOUND, problem(jobId), null);
	}

	private static ProblemDetail problem(String jobId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No job has the id " + jobId);
		problem.setTitle("Job not found");
		problem.setProperty("code", "JOB_NOT_FOUND");
		problem.setProperty("job_id", jobId);
		return problem;
	}

}
