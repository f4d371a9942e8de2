package io.pneumatic.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Pneumatic hub: REST, persistence, the STOMP endpoint and the UI in one process.
 */
@SpringBootApplication
public class PneumaticApplication {

	public static void main(String[] args) {
		SpringApplication.run(PneumaticApplication.class, args);
	}

}
