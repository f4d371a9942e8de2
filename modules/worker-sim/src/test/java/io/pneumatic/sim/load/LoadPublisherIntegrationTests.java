package io.pneumatic.sim.load;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.realtime.EventPublisher;
import io.pneumatic.sim.testing.TestHub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load client's publisher against real Redis: the schedule's events land round robin in the jobs'
 * streams, with their intended send time and, on request, padding.
 */
class LoadPublisherIntegrationTests {

	private final TestHub hub = new TestHub();

	@AfterEach
	void close() {
		this.hub.close();
	}

	@Test
	void publishesTheScheduleRoundRobinWithPadding() {
		List<String> jobIds = List.of(jobId(), jobId());
		this.hub.contextRunner().run((context) -> {
			LoadPublisher publisher = new LoadPublisher(context.getBean(EventPublisher.class), jobIds, 2, 30_000);
			RatePacer pacer = new RatePacer(System.nanoTime(), 1000, RatePacer.Clock.SYSTEM);

			LoadPublisher.Publication publication = publisher.publish(pacer, 4);

			assertThat(publication.count()).isEqualTo(4);
			assertThat(publication.failures()).isZero();
			for (String jobId : jobIds) {
				List<TestHub.StoredEvent> events = this.hub.events(jobId);
				assertThat(events).extracting(TestHub.StoredEvent::seq).containsExactly(1L, 2L);
				assertThat(events).allSatisfy((event) -> {
					assertThat(event.type()).isEqualTo("token");
					assertThat(event.text("padding")).hasSize(30_000).matches("x+");
					assertThat(event.payload().get("sent_nanos").asLong()).isPositive();
				});
			}
		});
	}

	@Test
	void leavesThePaddingOutByDefault() {
		String jobId = jobId();
		this.hub.contextRunner().run((context) -> {
			LoadPublisher publisher = new LoadPublisher(context.getBean(EventPublisher.class), List.of(jobId), 1, 0);

			publisher.publish(new RatePacer(System.nanoTime(), 1000, RatePacer.Clock.SYSTEM), 1);

			assertThat(this.hub.events(jobId)).singleElement()
				.satisfies((event) -> assertThat(event.payload().has("padding")).isFalse());
		});
	}

	private static String jobId() {
		return "load-" + UUID.randomUUID();
	}

}
