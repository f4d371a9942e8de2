package io.pneumatic.api.channels;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request about a channel the caller may see but may not make: a problem with a code that says why,
 * such as {@code CHANNEL_EXISTS} (409), {@code NOT_CHANNEL_OWNER} or {@code NOT_A_MEMBER} (403).
 */
class ChannelRequestDeniedException extends ErrorResponseException {

	private ChannelRequestDeniedException(HttpStatus status, String code, String title, String detail, String channelId) {
		super(status, problem(status, code, title, detail, channelId), null);
	}

	static ChannelRequestDeniedException exists(String channelId) {
		return new ChannelRequestDeniedException(HttpStatus.CONFLICT, "CHANNEL_EXISTS", "Channel exists",
				"A channel with the id " + channelId + " exists already; choose another id", channelId);
	}

	static ChannelRequestDeniedException notOwner(String channelId) {
		return new ChannelRequestDeniedException(HttpStatus.FORBIDDEN, "NOT_CHANNEL_OWNER", "Not the channel's owner",
				"Only the owner of channel " + channelId + " and admins may invite", channelId);
	}

	static ChannelRequestDeniedException notMember(String channelId) {
		return new ChannelRequestDeniedException(HttpStatus.FORBIDDEN, "NOT_A_MEMBER", "Not a member",
				"Channel " + channelId + " is open to its members: join it first", channelId);
	}

	private static ProblemDetail problem(HttpStatus status, String code, String title, String detail, String channelId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("code", code);
		problem.setProperty("channel_id", channelId);
		return problem;
	}

}
