package io.pneumatic.realtime.internal.replay;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Watches SUBSCRIBE, UNSUBSCRIBE and DISCONNECT frames from clients (the client inbound channel) and
 * keeps {@link JobSubscriptions} in step; a SUBSCRIBE to a job stream gets a {@code receipt} header so
 * that the broker tells when the subscription is active.
 */
public final class JobSubscriptionInterceptor implements ChannelInterceptor {

	/** SUBSCRIBE header: the last sequence number the client has; replay starts after it. */
	public static final String LAST_SEQ_HEADER = "last-seq";

	private static final String JOB_DESTINATION_PREFIX = "/topic/jobs.";

	private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final JobSubscriptions subscriptions;

	JobSubscriptionInterceptor(JobSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() == null || accessor.getSessionId() == null) {
			return message;
		}
		String sessionId = accessor.getSessionId();
		return switch (accessor.getCommand()) {
			case SUBSCRIBE -> subscribe(message, accessor, sessionId);
			case UNSUBSCRIBE -> {
				if (accessor.getSubscriptionId() != null) {
					this.subscriptions.unsubscribed(sessionId, accessor.getSubscriptionId());
				}
				yield message;
			}
			case DISCONNECT -> {
				this.subscriptions.disconnected(sessionId);
				yield message;
			}
			default -> message;
		};
	}

	private Message<?> subscribe(Message<?> message, StompHeaderAccessor accessor, String sessionId) {
		String destination = accessor.getDestination();
		String subscriptionId = accessor.getSubscriptionId();
		if (destination == null || subscriptionId == null || !destination.startsWith(JOB_DESTINATION_PREFIX)) {
			return message;
		}
		String jobId = destination.substring(JOB_DESTINATION_PREFIX.length());
		if (!JOB_ID.matcher(jobId).matches()) {
			return message;
		}
		Long lastSeq = lastSeq(accessor.getFirstNativeHeader(LAST_SEQ_HEADER));
		String receiptId = accessor.getReceipt();
		Message<?> forwarded = message;
		if (receiptId == null) {
			receiptId = JobSubscriptions.RECEIPT_PREFIX + subscriptionId;
			StompHeaderAccessor withReceipt = StompHeaderAccessor.wrap(message);
			withReceipt.setReceipt(receiptId);
			forwarded = MessageBuilder.createMessage(message.getPayload(), withReceipt.getMessageHeaders());
		}
		this.subscriptions.subscribed(sessionId, subscriptionId, jobId, lastSeq, receiptId);
		return forwarded;
	}

	/** Validated by access control before this interceptor sees the frame. */
	private static @Nullable Long lastSeq(@Nullable String header) {
		return (header != null) ? Long.parseLong(header.trim()) : null;
	}

}
