package io.pneumatic.api.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.pneumatic.api.PneumaticApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Starts another hub instance on the same Redis database, PostgreSQL and broker as a test's own.
 */
public final class SecondInstance {

	private static final List<String> SHARED = List.of("spring.data.redis.host", "spring.data.redis.port",
			"spring.data.redis.database", "spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "pneumatic.broker.host", "pneumatic.broker.port");

	private SecondInstance() {
	}

	/**
	 * Runs the hub with the test profile, the first instance's services and {@code extra} arguments
	 * ({@code --key=value}, which replace a shared service setting they name, such as a Redis port behind a
	 * {@link TcpProxy}); command-line arguments outrank the profile's files, as test properties do.
	 */
	public static ConfigurableApplicationContext start(Environment first, String... extra) {
		List<String> args = new ArrayList<>(SHARED.stream()
			.filter(first::containsProperty)
			.filter((key) -> Stream.of(extra).noneMatch((arg) -> arg.startsWith("--" + key + "=")))
			.map((key) -> "--" + key + "=" + first.getProperty(key))
			.toList());
		args.add("--server.port=0");
		args.addAll(Stream.of(extra).toList());
		return new SpringApplicationBuilder(PneumaticApplication.class).profiles("test").run(args.toArray(String[]::new));
	}

}
