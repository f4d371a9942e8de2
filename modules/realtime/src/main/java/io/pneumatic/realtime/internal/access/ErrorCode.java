package io.pneumatic.realtime.internal.access;

/**
 * The codes of STOMP errors (DESIGN.md, Errors).
 */
public enum ErrorCode {

	AUTH_FAILED, AUTH_EXPIRED, INVALID_MESSAGE, INVALID_SUBSCRIPTION, RATE_LIMITED, INTERNAL_ERROR

}
