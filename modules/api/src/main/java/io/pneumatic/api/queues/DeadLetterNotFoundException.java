package io.pneumatic.api.queues;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No dead letter has the id: it was re-driven or discarded already, or never died.
 */
class DeadLetterNotFoundException extends ErrorResponseException {

	DeadLetterNotFoundException(String itemId) {
		super(HttpStatus.NOT_FOUND, problem(itemId), null);
	}

	private static ProblemDetail problem(String itemId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No dead letter has the id " + itemId);
		problem.setTitle("Dead letter not found");
		problem.setProperty("code", "DEAD_LETTER_NOT_FOUND");
		return problem;
	}

}
