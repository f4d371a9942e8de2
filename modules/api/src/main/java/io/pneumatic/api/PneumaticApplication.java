package io.pneumatic.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Pneumatic hub: REST, persistence, the STOMP endpoint and the UI in one process.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PneumaticApplication {

	public static void main(String[] args) {
		SpringApplication.run(PneumaticApplication.class, args);
	}

}
