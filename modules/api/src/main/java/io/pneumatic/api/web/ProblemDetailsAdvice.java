package io.pneumatic.api.web;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.pneumatic.queue.QueueRequestRejectedException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns exceptions into RFC 9457 problem details, each with a {@code code} property: the one the
 * exception set (an {@code ErrorResponseException} such as {@code JOB_NOT_FOUND}), else
 * {@code INVALID_REQUEST} for a 400 and the status name ({@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}…)
 * for other statuses. Never a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** A queue refused a request (bad lane, oversized params…): 400 with the queue's reason as the code; nothing was enqueued. */
	@ExceptionHandler(QueueRequestRejectedException.class)
	ProblemDetail queueRequestRejected(QueueRequestRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Queue request rejected");
		problem.setProperty("code", ex.reason().name());
		return problem;
	}

	/** A store (PostgreSQL, Redis) is unreachable: 503, worth a retry. */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			RedisConnectionException.class, RedisCommandTimeoutException.class })
	ProblemDetail storeUnavailable(Exception ex, WebRequest request) {
		logger.warn("event=store_unavailable request={} cause={}", request.getDescription(false),
				NestedExceptionUtils.getMostSpecificCause(ex).toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"A data store is unreachable; retry shortly");
		problem.setTitle("Store unavailable");
		problem.setProperty("code", "STORE_UNAVAILABLE");
		return problem;
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String violations = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> parameterName(result) + ": " + error.getDefaultMessage()))
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ex.getBody();
		problem.setDetail(violations.isEmpty() ? "Invalid request parameters" : violations);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			problem.setProperty("code", codeFor(statusCode));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/** The parameter as the client named it: {@code after_seq}, not {@code afterSeq}. */
	private static String parameterName(ParameterValidationResult result) {
		RequestParam requestParam = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
		if (requestParam != null && !requestParam.name().isEmpty()) {
			return requestParam.name();
		}
		String javaName = result.getMethodParameter().getParameterName();
		return (javaName != null) ? javaName : "parameter";
	}

	private static String codeFor(HttpStatusCode status) {
		if (status.value() == HttpStatus.BAD_REQUEST.value()) {
			return "INVALID_REQUEST";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null || status.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			return status.is5xxServerError() ? "INTERNAL_ERROR" : "HTTP_" + status.value();
		}
		return known.name();
	}

}
