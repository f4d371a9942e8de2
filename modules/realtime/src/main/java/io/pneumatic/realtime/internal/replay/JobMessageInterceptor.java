package io.pneumatic.realtime.internal.replay;

import io.pneumatic.realtime.internal.relay.RelayHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Takes job-stream messages and subscription receipts from the broker (the client outbound channel)
 * and hands them to {@link JobSubscriptions}, which writes them to clients in sequence order.
 */
public final class JobMessageInterceptor implements ChannelInterceptor {

	private final JobSubscriptions subscriptions;

	JobMessageInterceptor(JobSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getSessionId() == null || !(message.getPayload() instanceof byte[])) {
			return message;
		}
		String sessionId = accessor.getSessionId();
		if (StompCommand.MESSAGE.equals(accessor.getCommand())) {
			String seq = accessor.getFirstNativeHeader(RelayHeaders.SEQ);
			String subscriptionId = accessor.getSubscriptionId();
			Long parsedSeq = parseSeq(seq);
			if (parsedSeq != null && subscriptionId != null
					&& this.subscriptions.liveMessage(sessionId, subscriptionId, parsedSeq, (Message<byte[]>) message)) {
				return null;
			}
		}
		else if (StompCommand.RECEIPT.equals(accessor.getCommand())) {
			String receiptId = accessor.getReceiptId();
			if (receiptId != null && (this.subscriptions.receiptArrived(sessionId, receiptId, (Message<byte[]>) message)
					|| receiptId.startsWith(JobSubscriptions.RECEIPT_PREFIX))) {
				return null;
			}
		}
		return message;
	}

	private static @Nullable Long parseSeq(@Nullable String header) {
		if (header == null) {
			return null;
		}
		try {
			return Long.parseLong(header);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
