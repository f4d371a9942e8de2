package io.pneumatic.sim.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.pneumatic.realtime.EventTypes;
import io.pneumatic.sim.SimSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FleetModelTests {

	private static final SimSettings.Fleet SETTINGS = new SimSettings.Fleet(true, List.of("prod-eu", "lab"),
			List.of("production", "training"), 3, 2, Duration.ofSeconds(2), 0.05, 0);

	private final List<List<OpsEvent>> ticks = play(new FleetModel(SETTINGS, new SplittableRandom(42)), 400);

	@Test
	void producesEveryOpsTypeWithTheFieldsItRequires() {
		List<OpsEvent> events = this.ticks.stream().flatMap(List::stream).toList();

		assertThat(events).extracting(OpsEvent::type).containsAll(EventTypes.OPS_EVENT_TYPES);
		assertThat(events).allSatisfy((event) -> assertThat(event.payload())
			.containsKeys(EventTypes.OPS_EVENT_REQUIRED_FIELDS.get(event.type()).toArray(String[]::new)));
	}

	@Test
	void everyNodeReportsItsMetricsAndEachGpuEveryTick() {
		for (List<OpsEvent> tick : this.ticks) {
			assertThat(tick).filteredOn((event) -> event.type().equals("gpu_update")).hasSize(2 * 3 * 2);
			assertThat(tick).filteredOn((event) -> event.type().equals("metric_update")).hasSize(2 * 3 * 2);
		}
		assertThat(this.ticks.getFirst()).filteredOn((event) -> event.type().equals("gpu_update"))
			.extracting((event) -> event.payload().keySet())
			.allSatisfy((fields) -> assertThat(fields).containsExactly("node", "gpu", "utilization", "memory_used_mb",
					"memory_total_mb", "temperature_c"));
	}

	@Test
	void alertsFireWithSeverityIncludingCriticalAndResolveOnce() {
		Map<String, String> open = new HashMap<>();
		List<String> severities = new ArrayList<>();
		int resolved = 0;
		for (OpsEvent event : this.ticks.stream().flatMap(List::stream).toList()) {
			String id = (String) event.payload().get("alert_id");
			if (event.type().equals("alert_fired")) {
				String severity = (String) event.payload().get("severity");
				severities.add(severity);
				assertThat(open.get(id)).as("an alert fires again only to escalate").isIn(null, "warning");
				open.put(id, severity);
			}
			else if (event.type().equals("alert_resolved")) {
				assertThat(open.remove(id)).as("resolves an open alert").isNotNull();
				resolved++;
			}
		}
		assertThat(severities).contains("warning", "critical").containsOnly("warning", "critical");
		assertThat(resolved).isPositive();
	}

	@Test
	void announcesEachClustersStatusFirstThenOnlyItsChanges() {
		assertThat(this.ticks.getFirst()).filteredOn((event) -> event.type().equals("cluster_status_changed"))
			.extracting(OpsEvent::cluster, (event) -> event.payload().get("status"), OpsEvent::namespace)
			.containsExactly(tuple("prod-eu", "healthy", FleetModel.PLATFORM),
					tuple("lab", "healthy", FleetModel.PLATFORM));
		Map<String, Object> last = new HashMap<>();
		for (OpsEvent event : this.ticks.stream().flatMap(List::stream).toList()) {
			if (event.type().equals("cluster_status_changed")) {
				assertThat(event.payload().get("status")).isNotEqualTo(last.get(event.cluster()));
				assertThat(event.payload().get("previous_status")).isEqualTo(last.get(event.cluster()));
				last.put(event.cluster(), event.payload().get("status"));
			}
		}
	}

	@Test
	void putsNodesInTheConfiguredNamespaces() {
		assertThat(this.ticks.getFirst()).filteredOn((event) -> event.type().equals("metric_update"))
			.extracting(OpsEvent::namespace)
			.containsOnly("production", "training");
	}

	private static List<List<OpsEvent>> play(FleetModel model, int ticks) {
		List<List<OpsEvent>> played = new ArrayList<>();
		for (int i = 0; i < ticks; i++) {
			played.add(model.tick());
		}
		return played;
	}

}
