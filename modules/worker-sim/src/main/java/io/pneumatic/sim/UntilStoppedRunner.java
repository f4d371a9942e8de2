package io.pneumatic.sim;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.SmartLifecycle;

/**
 * Holds the main thread until the application stops, in the modes whose work runs on threads of its
 * own ({@code worker}, {@code fleet}), as demo mode's job launcher does in {@code demo} mode.
 */
public final class UntilStoppedRunner implements ApplicationRunner, SmartLifecycle {

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running;

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		this.stopped.await();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopped.countDown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
