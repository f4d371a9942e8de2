package io.pneumatic.realtime.internal.broker;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class FrameBatchingTcpClientTests {

	private final FrameBatchingTcpClient.BatchCodec codec = new FrameBatchingTcpClient.BatchCodec();

	@Test
	void aBatchIsEncodedAsItsFramesOneAfterTheOtherInOrder() {
		ByteBuf buffer = Unpooled.buffer();
		Message<byte[]> batch = MessageBuilder.withPayload(new byte[0])
			.setHeader("pneumaticFrames", List.of(send("/topic/jobs.a", "1"), send("/topic/jobs.b", "2"), send("/topic/jobs.a", "3")))
			.build();

		this.codec.encode(batch, buffer);

		Collection<Message<byte[]>> decoded = new StompReactorNettyCodec().decode(buffer);
		assertThat(decoded).extracting(FrameBatchingTcpClientTests::describe)
			.containsExactly("SEND /topic/jobs.a {\"seq\":1}", "SEND /topic/jobs.b {\"seq\":2}", "SEND /topic/jobs.a {\"seq\":3}");
		assertThat(buffer.isReadable()).as("nothing left over").isFalse();
	}

	@Test
	void aSingleFrameIsEncodedAsSpringEncodesIt() {
		ByteBuf ours = Unpooled.buffer();
		ByteBuf springs = Unpooled.buffer();

		this.codec.encode(send("/topic/jobs.a", "7"), ours);
		new StompReactorNettyCodec().encode(send("/topic/jobs.a", "7"), springs);

		assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(springs.toString(StandardCharsets.UTF_8));
	}

	private static Message<byte[]> send(String destination, String seq) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.SEND);
		accessor.setDestination(destination);
		accessor.setNativeHeader("seq", seq);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8),
				accessor.getMessageHeaders());
	}

	private static String describe(Message<byte[]> message) {
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		return accessor.getCommand() + " " + accessor.getDestination() + " " + new String(message.getPayload(), StandardCharsets.UTF_8);
	}

}
