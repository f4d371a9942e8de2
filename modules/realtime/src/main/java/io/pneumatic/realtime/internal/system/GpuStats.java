package io.pneumatic.realtime.internal.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * GPU stats of {@code /topic/system}: totals over every GPU, and per cluster, from the latest
 * {@code gpu_update} of each GPU.
 *
 * @param total the totals over every GPU of every cluster
 * @param clusters the totals of each cluster, by cluster name
 */
record GpuStats(GpuTotals total, Map<String, GpuTotals> clusters) {

	/** Aggregates the latest reading of each GPU. */
	static GpuStats of(List<GpuReading> readings) {
		Map<String, List<JsonNode>> byCluster = new TreeMap<>();
		List<JsonNode> all = new ArrayList<>(readings.size());
		for (GpuReading reading : readings) {
			byCluster.computeIfAbsent(reading.cluster(), (cluster) -> new ArrayList<>()).add(reading.payload());
			all.add(reading.payload());
		}
		Map<String, GpuTotals> clusters = new TreeMap<>();
		byCluster.forEach((cluster, payloads) -> clusters.put(cluster, GpuTotals.of(payloads)));
		return new GpuStats(GpuTotals.of(all), clusters);
	}

	/**
	 * The latest {@code gpu_update} payload of one GPU.
	 * @param cluster the GPU's cluster
	 * @param payload {@code node, gpu, utilization, memory_used_mb, memory_total_mb, temperature_c}
	 */
	record GpuReading(String cluster, JsonNode payload) {
	}

	/**
	 * Totals over some GPUs; a field a payload lacks (or that is not a number) is left out of its total.
	 *
	 * @param gpus how many GPUs
	 * @param avgUtilization their mean {@code utilization} (percent), one decimal; {@code null} if none reports it
	 * @param memoryUsedMb the sum of {@code memory_used_mb}
	 * @param memoryTotalMb the sum of {@code memory_total_mb}
	 * @param maxTemperatureC the highest {@code temperature_c}; {@code null} if none reports it
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record GpuTotals(int gpus, @Nullable Double avgUtilization, long memoryUsedMb, long memoryTotalMb,
			@Nullable Double maxTemperatureC) {

		static GpuTotals of(List<JsonNode> payloads) {
			double utilization = 0;
			int reportingUtilization = 0;
			long used = 0;
			long total = 0;
			Double hottest = null;
			for (JsonNode payload : payloads) {
				Double value = number(payload, "utilization");
				if (value != null) {
					utilization += value;
					reportingUtilization++;
				}
				used += (long) orZero(number(payload, "memory_used_mb"));
				total += (long) orZero(number(payload, "memory_total_mb"));
				Double temperature = number(payload, "temperature_c");
				if (temperature != null && (hottest == null || temperature > hottest)) {
					hottest = temperature;
				}
			}
			Double average = (reportingUtilization == 0) ? null : Math.round(utilization / reportingUtilization * 10) / 10.0;
			return new GpuTotals(payloads.size(), average, used, total, hottest);
		}

		private static @Nullable Double number(JsonNode payload, String field) {
			JsonNode value = payload.get(field);
			return (value != null && value.isNumber()) ? value.asDouble() : null;
		}

		private static double orZero(@Nullable Double value) {
			return (value != null) ? value : 0;
		}

	}

}
