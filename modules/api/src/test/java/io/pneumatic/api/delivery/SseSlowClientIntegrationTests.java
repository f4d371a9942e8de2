package io.pneumatic.api.delivery;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.SseTestClient;
import io.pneumatic.api.testing.TestTokens;
import io.pneumatic.realtime.EventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SSE client that stops reading: it never delays another client of the same job, and once its
 * buffer is full it is cut off rather than silently skipped, then resumes with {@code Last-Event-ID}.
 * The publisher keeps pace with the client that reads, which would stall if the paused one held it up.
 */
@HubIntegrationTest(properties = "pneumatic.sse.buffer-size=50")
class SseSlowClientIntegrationTests {

	/** Far more than the loopback socket buffers plus the client buffer hold. */
	private static final int EVENTS = 800;

	/**
	 * Events published before the test waits for the bystander to have them all: fewer than the
	 * buffer, so that the bystander is never cut off for lagging on a busy machine, only the paused client.
	 */
	private static final int CHUNK = 25;

	private static final String TEXT = "x".repeat(30_000);

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Test
	void cutsOffAClientThatFellBehindWithoutDelayingOthersAndItResumesWithNothingLost() throws Exception {
		String jobId = JobStreamDeliveryContract.newJobId();
		String token = TestTokens.moderator();
		try (SseTestClient slow = SseTestClient.openPaused(this.port, jobId, token);
				SseTestClient bystander = SseTestClient.open(this.port, jobId, token, 0L)) {
			bystander.awaitType("replay_complete");
			for (int i = 1; i <= EVENTS; i++) {
				this.publisher.publish(jobId, "token", Map.of("text", TEXT, "index", i));
				if (i % CHUNK == 0) {
					bystander.awaitSeq(i);
				}
			}
			bystander.assertExactly(1, EVENTS);

			slow.startReading();
			slow.awaitEnded();
			List<Long> received = slow.seqs();
			assertThat(received).hasSizeLessThan(EVENTS);
			assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, received.size()).boxed().toList());

			try (SseTestClient resumed = SseTestClient.open(this.port, jobId, token, slow.lastEventId())) {
				resumed.assertExactly(received.size() + 1, EVENTS);
			}
		}
	}

}
