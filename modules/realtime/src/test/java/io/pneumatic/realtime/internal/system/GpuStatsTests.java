package io.pneumatic.realtime.internal.system;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.internal.system.GpuStats.GpuReading;
import io.pneumatic.realtime.internal.system.GpuStats.GpuTotals;

import static org.assertj.core.api.Assertions.assertThat;

class GpuStatsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aggregatesPerClusterAndOverall() {
		GpuStats stats = GpuStats.of(List.of(
				reading("prod-eu", "{\"utilization\":80,\"memory_used_mb\":40000,\"memory_total_mb\":81920,\"temperature_c\":71}"),
				reading("prod-eu", "{\"utilization\":61,\"memory_used_mb\":20000,\"memory_total_mb\":81920,\"temperature_c\":65.5}"),
				reading("lab", "{\"utilization\":30,\"memory_used_mb\":1000,\"memory_total_mb\":24576,\"temperature_c\":83}")));

		assertThat(stats.clusters()).containsOnlyKeys("lab", "prod-eu");
		assertThat(stats.clusters().get("prod-eu")).isEqualTo(new GpuTotals(2, 70.5, 60_000, 163_840, 71.0));
		assertThat(stats.clusters().get("lab")).isEqualTo(new GpuTotals(1, 30.0, 1_000, 24_576, 83.0));
		assertThat(stats.total()).isEqualTo(new GpuTotals(3, 57.0, 61_000, 188_416, 83.0));
	}

	@Test
	void leavesFieldsThatAreMissingOrNotNumbersOutOfTheirTotals() {
		GpuStats stats = GpuStats.of(List.of(reading("c", "{\"utilization\":\"high\",\"memory_used_mb\":10}"),
				reading("c", "{\"utilization\":50}")));

		assertThat(stats.total()).isEqualTo(new GpuTotals(2, 50.0, 10, 0, null));
	}

	@Test
	void hasEmptyTotalsWithoutGpus() {
		GpuStats stats = GpuStats.of(List.of());

		assertThat(stats.total()).isEqualTo(new GpuTotals(0, null, 0, 0, null));
		assertThat(stats.clusters()).isEmpty();
	}

	@Test
	void writesSnakeCaseFields() {
		String written = this.json.writeValueAsString(GpuStats.of(List.of(reading("c", "{\"utilization\":50}"))).total());

		assertThat(written).contains("\"avg_utilization\":50.0", "\"memory_used_mb\":0", "\"max_temperature_c\":null");
	}

	private GpuReading reading(String cluster, String payload) {
		return new GpuReading(cluster, this.json.readTree(payload));
	}

}
