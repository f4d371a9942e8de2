package io.pneumatic.realtime.internal.replay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionLaneTests {

	private final SessionLane lane = new SessionLane("s1");

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@Test
	void anIdleLaneRunsATaskOnTheCallersThreadAndReportsWhetherItGotItsWorkDone() {
		String caller = Thread.currentThread().getName();

		assertThat(this.lane.runIfIdle(() -> this.ran.add(Thread.currentThread().getName()))).isTrue();
		assertThat(this.lane.runIfIdle(() -> !this.ran.add(Thread.currentThread().getName()))).isFalse();

		assertThat(this.ran).containsExactly(caller, caller);
		assertThat(this.lane.isIdle()).isTrue();
	}

	@Test
	void aBusyLaneRunsNothingOnTheCallersThread() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		this.lane.submit(() -> {
			started.countDown();
			awaitQuietly(release);
		});
		started.await();

		assertThat(this.lane.runIfIdle(() -> this.ran.add("inline"))).isFalse();
		this.lane.submit(() -> this.ran.add("queued"));
		assertThat(this.lane.runIfIdle(() -> this.ran.add("inline"))).as("a task is waiting").isFalse();
		release.countDown();

		await().atMost(Duration.ofSeconds(10)).until(this.lane::isIdle);
		assertThat(this.ran).containsExactly("queued");
	}

	@Test
	void tasksSubmittedWhileATaskRunsOnTheCallersThreadRunAfterItInOrderOnTheLane() {
		this.lane.runIfIdle(() -> {
			this.lane.submit(() -> this.ran.add("second " + Thread.currentThread().getName()));
			this.lane.submit(() -> this.ran.add("third " + Thread.currentThread().getName()));
			this.ran.add("first");
			return true;
		});

		await().atMost(Duration.ofSeconds(10)).until(this.lane::isIdle);
		assertThat(this.ran).containsExactly("first", "second stomp-lane-s1", "third stomp-lane-s1");
	}

	@Test
	void aFailingTaskLeavesTheLaneUsable() {
		assertThat(this.lane.runIfIdle(() -> {
			throw new IllegalStateException("boom");
		})).as("a task that failed is not run again").isTrue();
		this.lane.submit(() -> {
			throw new IllegalStateException("boom");
		});
		this.lane.submit(() -> this.ran.add("after"));

		await().atMost(Duration.ofSeconds(10)).until(this.lane::isIdle);
		assertThat(this.ran).containsExactly("after");
		assertThat(this.lane.runIfIdle(() -> this.ran.add("inline"))).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
