package io.pneumatic.sim.load;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchmarkReportTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final BenchmarkReport report = new BenchmarkReport(this.jsonMapper);

	@Test
	void metricsGiveLatencyInMillisecondsAndDeliveriesPerSecond() {
		StepResult result = result(1, 0);

		assertThat((BigDecimal) result.metrics().get("p50_ms")).isCloseTo(new BigDecimal("2.0"), within(new BigDecimal("0.01")));
		assertThat(result.metrics()).containsEntry("delivered_per_s", new BigDecimal("50.0"))
			.containsEntry("lost", 0L)
			.containsEntry("transport", "stomp")
			.containsEntry("first_tokens", 10L)
			.containsKeys("p99_ms", "p99_9_ms", "duplicated", "out_of_order", "first_token_p99_ms", "first_token_hub_p99_ms");
		assertThat((BigDecimal) result.metrics().get("first_token_p50_ms")).isCloseTo(new BigDecimal("5.0"),
				within(new BigDecimal("0.01")));
		assertThat((BigDecimal) result.metrics().get("hub_p50_ms")).isCloseTo(new BigDecimal("1.0"), within(new BigDecimal("0.01")));
		assertThat(result.metrics()).containsKeys("hub_p99_ms", "hub_p99_9_ms")
			.containsEntry("new_job_first_tokens", 10L)
			.containsEntry("new_job_probe_failures", 1L);
		assertThat((BigDecimal) result.metrics().get("new_job_first_token_hub_p50_ms")).isCloseTo(new BigDecimal("1.0"),
				within(new BigDecimal("0.01")));
		assertThat(result.deliveredCorrectly()).isTrue();
	}

	@Test
	void aStepWithLostEventsWasNotDeliveredCorrectly() {
		assertThat(result(1, 3).deliveredCorrectly()).isFalse();
	}

	@Test
	void appendsMarkdownRowsWithOneHeader(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("results.md");

		this.report.write(List.of(result(1, 0)), file);
		this.report.write(List.of(result(2, 0)), file);

		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).startsWith("| step | transport | rate | jobs |");
		assertThat(lines.get(2)).startsWith("| 1 | stomp | 100 |");
		assertThat(lines.get(3)).startsWith("| 2 | stomp | 100 |");
	}

	@Test
	void writesAJsonArrayOfMetrics(@TempDir Path directory) {
		Path file = directory.resolve("results.json");

		this.report.write(List.of(result(1, 0), result(2, 0)), file);

		JsonNode rows = this.jsonMapper.readTree(file.toFile());
		assertThat(rows.size()).isEqualTo(2);
		assertThat(rows.get(1).get("step").asInt()).isEqualTo(2);
		assertThat(rows.get(0).get("p50_ms").asDouble()).isCloseTo(2.0, within(0.01));
	}

	private static StepResult result(int step, long lost) {
		Histogram latency = new Histogram(3);
		for (int i = 0; i < 100; i++) {
			latency.recordValue(2_000_000);
		}
		Histogram hub = new Histogram(3);
		for (int i = 0; i < 100; i++) {
			hub.recordValue(1_000_000);
		}
		Histogram firstTokens = new Histogram(3);
		for (int i = 0; i < 10; i++) {
			firstTokens.recordValue(5_000_000);
		}
		return new StepResult(step, "stomp", 100, 10, 1, 10, 1000, 0, new Histogram(3),
				new SplitLatency.Histograms(latency, hub), 2.0, true, lost, 0, 0, 0, new SplitLatency.Histograms(firstTokens, firstTokens),
				new SplitLatency.Histograms(firstTokens, hub), 1);
	}

}
