package io.pneumatic.sim;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The worker simulator: {@code --mode=demo} plays simulated jobs, works the queue and simulates the cluster
 * fleet, {@code --mode=worker} only works the queue, {@code --mode=fleet} only simulates the fleet,
 * {@code --mode=load} benchmarks the hub, {@code --mode=queue-load} the queue engine.
 *
 * <p>A non-web application: it talks to Redis through the realtime module's
 * {@link io.pneumatic.realtime.EventPublisher} (and {@link io.pneumatic.realtime.OpsEventPublisher}) and, in {@code load} mode, to the hub's STOMP endpoint.
 * Short options ({@code --jobs}, {@code --rate}…) are listed in {@link CommandLineAliases}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerSimApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(WorkerSimApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of(
				"spring.threads.virtual.enabled", "true",
				"spring.data.redis.repositories.enabled", "false",
				"spring.application.name", "pneumatic-worker-sim"));
		System.exit(SpringApplication.exit(application.run(CommandLineAliases.expand(args))));
	}

}
