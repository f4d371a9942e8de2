package io.pneumatic.realtime.internal.access;

import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pneumatic.realtime.ChannelMemberships;
import io.pneumatic.realtime.ClientIdentity;
import io.pneumatic.realtime.EventTypes;
import io.pneumatic.realtime.JobOwnership;
import org.jspecify.annotations.Nullable;

/**
 * Who may subscribe to what (DESIGN.md, STOMP destinations). Every destination a client may name is
 * listed here; anything else is refused. Broker wildcards ({@code *}, {@code #}) are accepted only
 * inside the ops family, where every member has the same rule, so a wildcard never reaches further
 * than the names the same client could subscribe to one by one.
 */
final class DestinationRules {

	static final String JOB_PREFIX = "/topic/jobs.";

	private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern OPS = Pattern.compile("/topic/ops(\\.([A-Za-z0-9_-]{1,64}|\\*|#)){1,3}");

	private static final Pattern CHANNEL = Pattern.compile("/topic/(?:presence|channels)\\.([A-Za-z0-9_-]{1,64})");

	private static final Pattern CHANNEL_SEND = Pattern.compile("/app/channels/([A-Za-z0-9_-]{1,64})/send");

	private static final Pattern PRESENCE_STATUS = Pattern.compile("/app/presence/([A-Za-z0-9_-]{1,64})/status");

	private static final String MEMBERS_ONLY = "a channel is open to its members";

	private final JobOwnership jobOwnership;

	private final ChannelMemberships channelMemberships;

	DestinationRules(JobOwnership jobOwnership, ChannelMemberships channelMemberships) {
		this.jobOwnership = jobOwnership;
		this.channelMemberships = channelMemberships;
	}

	/**
	 * Why {@code who} may not subscribe to {@code destination}, or {@code null} when it may.
	 * The reason names the rule, never what lies behind the destination.
	 */
	@Nullable String refusal(ClientIdentity who, String destination) {
		if (destination.startsWith(JOB_PREFIX)) {
			String jobId = destination.substring(JOB_PREFIX.length());
			if (!JOB_ID.matcher(jobId).matches()) {
				return "a job stream is /topic/jobs.{jobId}, one job at a time";
			}
			if (who.seesAllJobs()
					|| (!who.isAnonymous() && this.jobOwnership.isOwner(jobId, who.userId()))) {
				return null;
			}
			return "a job stream is open to its owner, moderators and admins";
		}
		return switch (destination) {
			case "/topic/queues" -> null;
			case "/topic/queues.previews" -> who.permissions().contains(ClientIdentity.CONTENT_PREVIEW) ? null
					: "queue previews need the content_preview permission";
			case "/topic/system" -> who.isAnonymous() ? "/topic/system needs a token" : null;
			case "/user/queue/errors", "/user/queue/replies" -> null;
			default -> otherRefusal(who, destination);
		};
	}

	/**
	 * Why {@code who} may not SEND to {@code destination} (under {@code /app/}), or {@code null} when it may:
	 * a channel's chat is open to its members where the channel has chat, a presence status to its
	 * members and admins. Other {@code /app/} destinations are left to their handlers.
	 */
	@Nullable String sendRefusal(ClientIdentity who, String destination) {
		Matcher chat = CHANNEL_SEND.matcher(destination);
		if (chat.matches()) {
			if (!isMember(who, chat.group(1))) {
				return "a channel's chat is open to its members";
			}
			return this.channelMemberships.hasChat(chat.group(1)) ? null
					: "channel " + chat.group(1) + " has presence only, no chat";
		}
		if (destination.startsWith("/app/channels/")) {
			return "chat is SEND /app/channels/{channelId}/send";
		}
		Matcher status = PRESENCE_STATUS.matcher(destination);
		if (status.matches()) {
			return (who.hasRole("admin") || isMember(who, status.group(1))) ? null : MEMBERS_ONLY;
		}
		if (destination.startsWith("/app/presence/")) {
			return "a presence status is SEND /app/presence/{channelId}/status";
		}
		return null;
	}

	private boolean isMember(ClientIdentity who, String channelId) {
		return !who.isAnonymous() && this.channelMemberships.isMember(channelId, who.userId());
	}

	private @Nullable String otherRefusal(ClientIdentity who, String destination) {
		if (OPS.matcher(destination).matches()) {
			String[] words = destination.split("\\.");
			if (words.length == 4 && !words[3].equals("*") && !words[3].equals("#")
					&& !EventTypes.OPS_EVENT_TYPES.contains(words[3])) {
				return "unknown ops event type " + words[3] + "; known: " + new TreeSet<>(EventTypes.OPS_EVENT_TYPES);
			}
			return who.hasAnyRole("operator", "admin") ? null : "ops streams are open to operators and admins";
		}
		Matcher channel = CHANNEL.matcher(destination);
		if (channel.matches()) {
			return (who.hasRole("admin") || isMember(who, channel.group(1))) ? null : MEMBERS_ONLY;
		}
		if (destination.indexOf('*') >= 0 || destination.indexOf('#') >= 0) {
			return "wildcards are accepted only in /topic/ops.{cluster}.{namespace}.{type}";
		}
		return "unknown destination";
	}

}
