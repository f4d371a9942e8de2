package io.pneumatic.api.channels;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No channel has the id, or none the caller may see (a private channel it does not belong to):
 * a 404 problem of code {@code CHANNEL_NOT_FOUND}.
 */
class ChannelNotFoundException extends ErrorResponseException {

	ChannelNotFoundException(String channelId) {
		super(HttpStatus.NOT_FOUND, problem(channelId), null);
	}

	private static ProblemDetail problem(String channelId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No channel has the id " + channelId);
		problem.setTitle("Channel not found");
		problem.setProperty("code", "CHANNEL_NOT_FOUND");
		problem.setProperty("channel_id", channelId);
		return problem;
	}

}
