package io.pneumatic.api.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the {@code prod} profile on development defaults that would open the hub: any
 * browser origin ({@code pneumatic.stomp.allowed-origins} {@code *}) and, with an external broker,
 * the broker's {@code guest}/{@code guest} credentials. (Shared JWT secrets are refused where the
 * token decoder is made.)
 */
@Component
@Profile(SecurityConfiguration.PRODUCTION)
class ProductionGuard {

	ProductionGuard(Environment environment) {
		List<String> problems = problems(environment);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The prod profile refuses development defaults: " + String.join("; ", problems));
		}
	}

	static List<String> problems(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> problems = new ArrayList<>();
		List<String> origins = binder.bind("pneumatic.stomp.allowed-origins", Bindable.listOf(String.class)).orElse(List.of("*"));
		if (origins.contains("*")) {
			problems.add("set pneumatic.stomp.allowed-origins to the origins of your web apps, not *");
		}
		boolean external = "external".equals(environment.getProperty("pneumatic.broker.mode"));
		if (external && "guest".equals(environment.getProperty("pneumatic.broker.login", "guest"))
				&& "guest".equals(environment.getProperty("pneumatic.broker.passcode", "guest"))) {
			problems.add("set pneumatic.broker.login and passcode: guest/guest is the broker's development account");
		}
		return problems;
	}

}
