package io.pneumatic.sim.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.pneumatic.sim.SimSettings;

/**
 * A simulated fleet of GPU clusters and what it reports each tick.
 *
 * <p>Every node reports {@code metric_update} for its CPU and memory and {@code gpu_update} for each GPU.
 * Metrics wander around a baseline; an incident pushes one metric of a node over its warning and often its
 * critical threshold for a few ticks, which fires {@code alert_fired} ({@code warning}, then {@code critical}
 * if it climbs on) and {@code alert_resolved} once it is back under the warning threshold. A cluster's
 * status (healthy, degraded, critical, from its open alerts) changes with {@code cluster_status_changed} in
 * namespace {@value #PLATFORM}. Traces, anomalies and operator chat come at random. Not thread-safe.
 */
final class FleetModel {

	/** The namespace of cluster-wide events ({@code cluster_status_changed}, operator chat). */
	static final String PLATFORM = "platform";

	private static final List<Metric> METRICS = List.of(new Metric("cpu_utilization", "percent", 45, 85, 95),
			new Metric("memory_utilization", "percent", 55, 85, 95));

	private static final Metric GPU_TEMPERATURE = new Metric("gpu_temperature_c", "celsius", 62, 85, 92);

	private static final int GPU_MEMORY_MB = 81_920;

	private static final double ANOMALY_PROBABILITY = 0.05;

	private static final double CHAT_PROBABILITY = 0.05;

	private static final List<String> SERVICES = List.of("inference-gateway", "scheduler", "feature-store", "trainer");

	private static final List<String> OPERATORS = List.of("ana", "kofi", "mei", "ravi");

	private static final List<String> CHAT_LINES = List.of("deploying the new scheduler build to staging",
			"who is on call for research tonight?", "node drain finished, back to normal", "bumping the GPU quota for training",
			"looking at the latency graphs now");

	private final SimSettings.Fleet settings;

	private final RandomGenerator random;

	private final List<Node> nodes = new ArrayList<>();

	private final Map<String, String> clusterStatus = new HashMap<>();

	private long alerts;

	FleetModel(SimSettings.Fleet settings, RandomGenerator random) {
		this.settings = settings;
		this.random = random;
		for (String cluster : settings.clusters()) {
			for (int n = 1; n <= settings.nodesPerCluster(); n++) {
				String namespace = settings.namespaces().get((n - 1) % settings.namespaces().size());
				this.nodes.add(new Node(cluster, namespace, "node-" + n, settings.gpusPerNode()));
			}
		}
	}

	/** Advances the fleet by one tick and returns what it reports, in publishing order. */
	List<OpsEvent> tick() {
		List<OpsEvent> events = new ArrayList<>();
		for (Node node : this.nodes) {
			node.maybeStartIncident();
			for (int m = 0; m < METRICS.size(); m++) {
				Metric metric = METRICS.get(m);
				double value = node.next(m, metric);
				events.add(event(node, "metric_update", "node", node.name, "metric", metric.name, "value", value, "unit",
						metric.unit, "threshold", metric.warning));
				alert(node, metric.name, metric, value, events);
			}
			for (int gpu = 0; gpu < node.gpus; gpu++) {
				int reading = METRICS.size() + gpu;
				double temperature = node.next(reading, GPU_TEMPERATURE);
				double utilization = clamp(55 + (temperature - GPU_TEMPERATURE.baseline) * 1.5 + gauss(8), 0, 100);
				events.add(event(node, "gpu_update", "node", node.name, "gpu", gpu, "utilization", round(utilization),
						"memory_used_mb", (long) (GPU_MEMORY_MB * utilization / 110), "memory_total_mb", GPU_MEMORY_MB,
						"temperature_c", temperature));
				alert(node, "gpu" + gpu + "_temperature_c", GPU_TEMPERATURE, temperature, events);
			}
			if (this.random.nextDouble() < ANOMALY_PROBABILITY / this.settings.nodesPerCluster()) {
				double expected = METRICS.getFirst().baseline;
				double value = round(expected + 20 + this.random.nextDouble() * 30);
				events.add(event(node, "anomaly_detected", "node", node.name, "metric", METRICS.getFirst().name, "score",
						round(0.7 + this.random.nextDouble() * 0.3), "value", value, "expected", expected, "message",
						"cpu_utilization on " + node.name + " is far from its usual pattern"));
			}
			int traces = this.random.nextInt(2);
			for (int t = 0; t < traces; t++) {
				boolean failed = this.random.nextDouble() < 0.1;
				events.add(event(node, "trace_received", "trace_id", hex(16), "service",
						SERVICES.get(this.random.nextInt(SERVICES.size())), "operation", "POST /v1/generate", "node", node.name,
						"duration_ms", 20 + this.random.nextInt(failed ? 5000 : 400), "status", failed ? "error" : "ok",
						"spans", 3 + this.random.nextInt(12)));
			}
		}
		for (String cluster : this.settings.clusters()) {
			statusChange(cluster, events);
			if (this.random.nextDouble() < CHAT_PROBABILITY) {
				events.add(new OpsEvent(cluster, PLATFORM, "chat_message", payload("user",
						OPERATORS.get(this.random.nextInt(OPERATORS.size())), "text",
						CHAT_LINES.get(this.random.nextInt(CHAT_LINES.size())))));
			}
		}
		return events;
	}

	/** Fires or resolves the alert of one reading of a node. */
	private void alert(Node node, String key, Metric metric, double value, List<OpsEvent> events) {
		OpenAlert open = node.alerts.get(key);
		String severity = (value >= metric.critical) ? "critical" : (value >= metric.warning) ? "warning" : null;
		if (severity != null && (open == null || (severity.equals("critical") && open.severity.equals("warning")))) {
			String id = (open != null) ? open.id : node.cluster + "-" + (++this.alerts);
			double threshold = severity.equals("critical") ? metric.critical : metric.warning;
			node.alerts.put(key, new OpenAlert(id, severity));
			events.add(event(node, "alert_fired", "alert_id", id, "severity", severity, "metric", key, "node", node.name,
					"value", value, "threshold", threshold, "message",
					key + " on " + node.name + " is " + value + " " + metric.unit + ", over " + threshold));
		}
		else if (open != null && value < metric.warning - 3) {
			node.alerts.remove(key);
			events.add(event(node, "alert_resolved", "alert_id", open.id, "metric", key, "node", node.name, "value", value,
					"message", key + " on " + node.name + " is back to " + value + " " + metric.unit));
		}
	}

	/** Announces a cluster's status when its open alerts change it (and on the first tick). */
	private void statusChange(String cluster, List<OpsEvent> events) {
		boolean critical = false;
		int open = 0;
		for (Node node : this.nodes) {
			if (node.cluster.equals(cluster)) {
				open += node.alerts.size();
				critical |= node.alerts.values().stream().anyMatch((alert) -> alert.severity.equals("critical"));
			}
		}
		String status = critical ? "critical" : (open > 0) ? "degraded" : "healthy";
		String previous = this.clusterStatus.put(cluster, status);
		if (!status.equals(previous)) {
			Map<String, Object> payload = payload("status", status, "open_alerts", open, "nodes",
					this.settings.nodesPerCluster(), "message", "cluster " + cluster + " is " + status);
			payload.put("previous_status", previous);
			events.add(new OpsEvent(cluster, PLATFORM, "cluster_status_changed", payload));
		}
	}

	private OpsEvent event(Node node, String type, Object... fields) {
		return new OpsEvent(node.cluster, node.namespace, type, payload(fields));
	}

	private static Map<String, Object> payload(Object... fields) {
		Map<String, Object> payload = new LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			payload.put((String) fields[i], fields[i + 1]);
		}
		return payload;
	}

	private String hex(int digits) {
		StringBuilder hex = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			hex.append(Character.forDigit(this.random.nextInt(16), 16));
		}
		return hex.toString();
	}

	private double gauss(double deviation) {
		return this.random.nextGaussian() * deviation;
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * A metric and its thresholds.
	 * @param name the metric name
	 * @param unit its unit
	 * @param baseline the value it wanders around without an incident
	 * @param warning the threshold of a {@code warning} alert
	 * @param critical the threshold of a {@code critical} alert
	 */
	private record Metric(String name, String unit, double baseline, double warning, double critical) {
	}

	/** An alert fired and not resolved yet. */
	private record OpenAlert(String id, String severity) {
	}

	/** One node: the current value of each reading (its metrics, then one temperature per GPU) and its incident. */
	private final class Node {

		final String cluster;

		final String namespace;

		final String name;

		final int gpus;

		final double[] values;

		final Map<String, OpenAlert> alerts = new HashMap<>();

		int incidentReading = -1;

		int incidentTicksLeft;

		double incidentLift;

		Node(String cluster, String namespace, String name, int gpus) {
			this.cluster = cluster;
			this.namespace = namespace;
			this.name = name;
			this.gpus = gpus;
			this.values = new double[METRICS.size() + gpus];
			for (int i = 0; i < this.values.length; i++) {
				this.values[i] = (i < METRICS.size()) ? METRICS.get(i).baseline : GPU_TEMPERATURE.baseline;
			}
		}

		void maybeStartIncident() {
			if (this.incidentTicksLeft > 0) {
				this.incidentTicksLeft--;
				return;
			}
			this.incidentReading = -1;
			if (FleetModel.this.random.nextDouble() < FleetModel.this.settings.incidentProbability()) {
				this.incidentReading = FleetModel.this.random.nextInt(this.values.length);
				this.incidentTicksLeft = 4 + FleetModel.this.random.nextInt(8);
				this.incidentLift = 28 + FleetModel.this.random.nextDouble() * 22;
			}
		}

		/** Moves one reading halfway to its target (baseline, lifted during an incident) plus noise. */
		double next(int reading, Metric metric) {
			double target = metric.baseline + ((reading == this.incidentReading) ? this.incidentLift : 0);
			double value = this.values[reading] + (target - this.values[reading]) * 0.5 + gauss(2);
			this.values[reading] = clamp(value, 0, (metric == GPU_TEMPERATURE) ? 105 : 100);
			return round(this.values[reading]);
		}

	}

}
