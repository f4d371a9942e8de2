package io.pneumatic.api.channels;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A channel holds its most members already: a 409 problem of code {@code CHANNEL_FULL}; nobody was added.
 */
class ChannelFullException extends ErrorResponseException {

	ChannelFullException(Channel channel) {
		super(HttpStatus.CONFLICT, problem(channel), null);
	}

	private static ProblemDetail problem(Channel channel) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Channel " + channel.id()
				+ " holds its most members (" + channel.maxMembers() + "); someone must leave first");
		problem.setTitle("Channel full");
		problem.setProperty("code", "CHANNEL_FULL");
		problem.setProperty("channel_id", channel.id());
		problem.setProperty("max_members", channel.maxMembers());
		return problem;
	}

}
