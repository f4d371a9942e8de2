package io.pneumatic.sim;

import java.util.Arrays;
import java.util.Map;

/**
 * Short command-line options of the worker simulator and the {@code pneumatic.sim.*} keys they stand for.
 *
 * <p>{@code --mode=load --jobs=200 --rate=2000} becomes
 * {@code --pneumatic.sim.mode=load --pneumatic.sim.load.jobs=200 --pneumatic.sim.load.rates=2000};
 * every other argument passes through unchanged.
 */
public final class CommandLineAliases {

	/** Short option name to full property key. */
	public static final Map<String, String> ALIASES = Map.ofEntries(
			Map.entry("mode", "pneumatic.sim.mode"),
			Map.entry("hub-url", "pneumatic.sim.load.hub-url"),
			Map.entry("transport", "pneumatic.sim.load.transport"),
			Map.entry("jobs", "pneumatic.sim.load.jobs"),
			Map.entry("rate", "pneumatic.sim.load.rates"),
			Map.entry("rates", "pneumatic.sim.load.rates"),
			Map.entry("subscribers", "pneumatic.sim.load.subscribers-per-job"),
			Map.entry("subscribers-per-connection", "pneumatic.sim.load.subscribers-per-connection"),
			Map.entry("stalled", "pneumatic.sim.load.stalled-subscribers"),
			Map.entry("payload-bytes", "pneumatic.sim.load.payload-bytes"),
			Map.entry("duration", "pneumatic.sim.load.duration"),
			Map.entry("warmup", "pneumatic.sim.load.warmup"),
			Map.entry("out", "pneumatic.sim.load.out"),
			Map.entry("token", "pneumatic.sim.load.token"),
			Map.entry("probe-interval", "pneumatic.sim.load.probe-interval"),
			Map.entry("job-interval", "pneumatic.sim.demo.job-interval"),
			Map.entry("max-concurrent-jobs", "pneumatic.sim.demo.max-concurrent-jobs"),
			Map.entry("failure-probability", "pneumatic.sim.demo.failure-probability"),
			Map.entry("max-jobs", "pneumatic.sim.demo.max-jobs"),
			Map.entry("time-scale", "pneumatic.sim.demo.time-scale"),
			Map.entry("lanes", "pneumatic.sim.queue-load.lanes"),
			Map.entry("items", "pneumatic.sim.queue-load.items"),
			Map.entry("workers", "pneumatic.sim.queue-load.workers"),
			Map.entry("claim-batch", "pneumatic.sim.queue-load.claim-batch"),
			Map.entry("clients", "pneumatic.sim.presence-load.clients"),
			Map.entry("observers", "pneumatic.sim.presence-load.observers"),
			Map.entry("queue-workers", "pneumatic.sim.queue.workers"),
			Map.entry("feed-interval", "pneumatic.sim.queue.feed-interval"),
			Map.entry("fleet-interval", "pneumatic.sim.fleet.interval"));

	private CommandLineAliases() {
	}

	/** Returns the arguments with every short option replaced by its full property key. */
	public static String[] expand(String[] args) {
		return Arrays.stream(args).map(CommandLineAliases::expand).toArray(String[]::new);
	}

	private static String expand(String arg) {
		if (!arg.startsWith("--")) {
			return arg;
		}
		int equals = arg.indexOf('=');
		String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
		String key = ALIASES.get(name);
		if (key == null) {
			return arg;
		}
		return "--" + key + ((equals < 0) ? "" : arg.substring(equals));
	}

}
