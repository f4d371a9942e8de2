package io.pneumatic.realtime.internal.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundQueueTests {

	private static final Duration NOW = Duration.ZERO;

	@Test
	void queuesInOrderWithinItsBounds() throws InterruptedException {
		OutboundQueue<String> queue = new OutboundQueue<>(3, 1000);
		assertThat(queue.offer("a", false, 10).outcome()).isEqualTo(OutboundQueue.Outcome.QUEUED);
		assertThat(queue.offer("b", true, 10).outcome()).isEqualTo(OutboundQueue.Outcome.QUEUED);
		assertThat(queue.take(NOW)).isEqualTo("a");
		assertThat(queue.take(NOW)).isEqualTo("b");
		assertThat(queue.take(NOW)).isNull();
	}

	@Test
	void makesRoomByDroppingTheOldestDroppableItemsOnly() throws InterruptedException {
		OutboundQueue<String> queue = new OutboundQueue<>(3, 1000);
		queue.offer("job-1", false, 10);
		queue.offer("ops-1", true, 10);
		queue.offer("ops-2", true, 10);
		OutboundQueue.Offer<String> offer = queue.offer("job-2", false, 10);
		assertThat(offer.outcome()).isEqualTo(OutboundQueue.Outcome.DROPPED_OLDEST);
		assertThat(offer.dropped()).containsExactly("ops-1");
		assertThat(drain(queue)).containsExactly("job-1", "ops-2", "job-2");
	}

	@Test
	void dropsANewDroppableItemWhenNothingQueuedMayGo() throws InterruptedException {
		OutboundQueue<String> queue = new OutboundQueue<>(2, 1000);
		queue.offer("job-1", false, 10);
		queue.offer("job-2", false, 10);
		OutboundQueue.Offer<String> offer = queue.offer("ops-1", true, 10);
		assertThat(offer.outcome()).isEqualTo(OutboundQueue.Outcome.DROPPED_NEW);
		assertThat(offer.dropped()).containsExactly("ops-1");
		assertThat(drain(queue)).containsExactly("job-1", "job-2");
	}

	@Test
	void overflowsWhenAnItemThatMayNotBeDroppedFindsNoRoom() {
		OutboundQueue<String> queue = new OutboundQueue<>(2, 1000);
		queue.offer("job-1", false, 10);
		queue.offer("job-2", false, 10);
		assertThat(queue.offer("job-3", false, 10).outcome()).isEqualTo(OutboundQueue.Outcome.OVERFLOW);
	}

	@Test
	void boundsBytesTooButAlwaysTakesOneItemIntoAnEmptyQueue() throws InterruptedException {
		OutboundQueue<String> queue = new OutboundQueue<>(10, 100);
		assertThat(queue.offer("big", false, 500).outcome()).isEqualTo(OutboundQueue.Outcome.QUEUED);
		assertThat(queue.offer("small", false, 10).outcome()).isEqualTo(OutboundQueue.Outcome.OVERFLOW);
		queue.take(NOW);
		assertThat(queue.offer("ops-1", true, 60).outcome()).isEqualTo(OutboundQueue.Outcome.QUEUED);
		OutboundQueue.Offer<String> offer = queue.offer("job", false, 60);
		assertThat(offer.outcome()).isEqualTo(OutboundQueue.Outcome.DROPPED_OLDEST);
		assertThat(drain(queue)).containsExactly("job");
	}

	@Test
	void aLastItemReplacesEverythingQueued() throws InterruptedException {
		OutboundQueue<String> queue = new OutboundQueue<>(2, 1000);
		queue.offer("job-1", false, 10);
		queue.offer("job-2", false, 10);
		queue.replaceAllWith("error");
		queue.append("close");
		assertThat(drain(queue)).containsExactly("error", "close");
	}

	private static List<String> drain(OutboundQueue<String> queue) throws InterruptedException {
		List<String> items = new ArrayList<>();
		for (String item = queue.take(NOW); item != null; item = queue.take(NOW)) {
			items.add(item);
		}
		return items;
	}

}
