package io.pneumatic.realtime.internal.system;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * This instance's health as Spring Boot's health registries see it (Redis, the broker relay, the
 * database when there is one…): each top-level contributor's status, without details.
 *
 * <p>Thread-safe if the contributors are; their checks run on the calling thread.
 */
final class InstanceHealth {

	private final HealthContributors contributors;

	InstanceHealth(HealthContributors contributors) {
		this.contributors = contributors;
	}

	/** Each contributor's status code ({@code UP}, {@code DOWN}…), by contributor name. */
	Map<String, String> components() {
		Map<String, String> components = new TreeMap<>();
		this.contributors.stream().forEach((entry) -> components.put(entry.name(), status(entry.contributor()).getCode()));
		return components;
	}

	/** The worst of some status codes: {@code DOWN} before {@code OUT_OF_SERVICE} before {@code UP} before {@code UNKNOWN}. */
	static String worst(Iterable<String> codes) {
		Status worst = Status.UNKNOWN;
		for (String code : codes) {
			Status status = new Status(code);
			if (order(status) < order(worst)) {
				worst = status;
			}
		}
		return worst.getCode();
	}

	private static Status status(HealthContributor contributor) {
		if (contributor instanceof HealthIndicator indicator) {
			try {
				return indicator.health(false).getStatus();
			}
			catch (RuntimeException ex) {
				return Status.DOWN;
			}
		}
		if (contributor instanceof CompositeHealthContributor composite) {
			List<Status> statuses = composite.stream().map((entry) -> status(entry.contributor())).toList();
			return statuses.stream().min(Comparator.comparingInt(InstanceHealth::order)).orElse(Status.UNKNOWN);
		}
		return Status.UNKNOWN;
	}

	private static int order(Status status) {
		int index = Status.DEFAULT_ORDER.indexOf(status);
		return (index < 0) ? Status.DEFAULT_ORDER.size() : index;
	}

}
