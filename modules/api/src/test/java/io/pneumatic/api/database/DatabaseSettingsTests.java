package io.pneumatic.api.database;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSettingsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void retriesTheSchemaEveryFiveSecondsByDefault() {
		this.context.run(started -> assertThat(started.getBean(DatabaseSettings.class).schemaRetryInterval())
			.isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void refusesToStartWithATooShortRetryIntervalAndSaysWhatToFix() {
		this.context.withPropertyValues("pneumatic.database.schema-retry-interval=1ms")
			.run(started -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("pneumatic.database.schema-retry-interval must be at least 100ms"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DatabaseSettings.class)
	static class Settings {

	}

}
