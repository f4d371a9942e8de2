package io.pneumatic.sim.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders {@link StepResult}s: one {@code metric=value} line per metric on the console, and Markdown
 * table rows ({@code *.md}, appended) or a JSON array (any other file name) for {@code --out}.
 */
final class BenchmarkReport {

	private final JsonMapper jsonMapper;

	BenchmarkReport(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/** Prints one line per metric. */
	void print(StepResult result, PrintStream out) {
		result.metrics().forEach((name, value) -> out.println(name + "=" + text(value)));
		out.flush();
	}

	/** Writes the results to {@code file}: Markdown rows appended to {@code *.md}, otherwise a JSON array. */
	void write(List<StepResult> results, Path file) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			if (file.getFileName().toString().endsWith(".md")) {
				boolean fresh = !Files.exists(file) || Files.size(file) == 0;
				Files.writeString(file, markdown(results, fresh), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
			else {
				List<Map<String, Object>> rows = new ArrayList<>();
				results.forEach(result -> rows.add(result.metrics()));
				Files.writeString(file, this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the benchmark results to " + file, ex);
		}
	}

	/** Markdown table rows, with the header when {@code withHeader}. */
	static String markdown(List<StepResult> results, boolean withHeader) {
		StringBuilder table = new StringBuilder();
		if (withHeader && !results.isEmpty()) {
			List<String> names = List.copyOf(results.getFirst().metrics().keySet());
			table.append(row(names)).append(row(names.stream().map(name -> "---").toList()));
		}
		results.forEach(result -> table.append(row(result.metrics().values().stream().map(BenchmarkReport::text).toList())));
		return table.toString();
	}

	private static String row(List<String> cells) {
		return cells.stream().collect(Collectors.joining(" | ", "| ", " |\n"));
	}

	private static String text(Object value) {
		return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : String.valueOf(value);
	}

}
