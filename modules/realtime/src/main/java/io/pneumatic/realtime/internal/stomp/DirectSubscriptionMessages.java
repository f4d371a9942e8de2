package io.pneumatic.realtime.internal.stomp;

import java.util.UUID;
import java.util.function.Supplier;

import io.pneumatic.realtime.SubscriptionMessages;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * {@link SubscriptionMessages} written straight to the session by Spring's STOMP sub-protocol handler.
 */
final class DirectSubscriptionMessages implements SubscriptionMessages {

	private final Supplier<MessageHandler> clientHandler;

	DirectSubscriptionMessages(Supplier<MessageHandler> clientHandler) {
		this.clientHandler = clientHandler;
	}

	@Override
	public void send(String sessionId, String subscriptionId, String destination, byte[] json) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId(subscriptionId);
		accessor.setDestination(destination);
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		accessor.setMessageId("direct-" + UUID.randomUUID());
		this.clientHandler.get().handleMessage(MessageBuilder.createMessage(json, accessor.getMessageHeaders()));
	}

}
