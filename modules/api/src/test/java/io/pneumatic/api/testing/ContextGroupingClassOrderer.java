package io.pneumatic.api.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs the test classes that share a Spring test context one after another (set in
 * {@code junit-platform.properties}).
 *
 * <p>Spring Framework 7 pauses a cached context (stops its lifecycle beans) when the next test
 * class needs another one, and restarts it when a later class needs it again. Grouping the classes
 * leaves each context paused at most once and never restarted, which saves the restarts' time and
 * spares components that do not survive a stop and start.
 */
public class ContextGroupingClassOrderer implements ClassOrderer {

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors()
			.sort(Comparator.comparing((ClassDescriptor descriptor) -> contextKey(descriptor.getTestClass()))
				.thenComparing(descriptor -> descriptor.getTestClass().getName()));
	}

	/** What decides a test class's context, roughly: classes without Spring first (empty key). */
	static String contextKey(Class<?> testClass) {
		MergedAnnotations annotations = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY);
		if (!annotations.isPresent(SpringBootTest.class)) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		annotations.stream(SpringBootTest.class)
			.forEach(boot -> parts.add(Arrays.toString(boot.getStringArray("properties"))));
		annotations.stream(TestPropertySource.class)
			.forEach(source -> parts.add(Arrays.toString(source.getStringArray("properties"))));
		annotations.stream(Import.class).forEach(imported -> parts.add(Arrays.toString(imported.getClassArray("value"))));
		for (Class<?> nested : testClass.getDeclaredClasses()) {
			if (MergedAnnotations.from(nested).isPresent(Configuration.class)) {
				parts.add(nested.getName());
			}
		}
		return "spring:" + String.join("|", parts);
	}

}
