package io.pneumatic.api.streaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A broadcast the hub will not send; answered with a 400 problem of code {@code INVALID_BROADCAST}.
 */
class BroadcastRejectedException extends ErrorResponseException {

	BroadcastRejectedException(String detail) {
		super(HttpStatus.BAD_REQUEST, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Broadcast rejected");
		problem.setProperty("code", "INVALID_BROADCAST");
		return problem;
	}

}
