package io.pneumatic.api.jobs;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class JobsSettingsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void showsTwentyRecentLogsByDefault() {
		this.context.run(started -> assertThat(started.getBean(JobsSettings.class).recentLogs()).isEqualTo(20));
	}

	@Test
	void refusesToStartWithANegativeNumberOfLogsAndSaysWhatToFix() {
		this.context.withPropertyValues("pneumatic.jobs.recent-logs=-1")
			.run(started -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("pneumatic.jobs.recent-logs must be 0 or more"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(JobsSettings.class)
	static class Settings {

	}

}
