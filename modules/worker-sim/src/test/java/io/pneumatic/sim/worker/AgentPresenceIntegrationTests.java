package io.pneumatic.sim.worker;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import io.pneumatic.realtime.Presence;
import io.pneumatic.realtime.PresenceEntity;
import io.pneumatic.realtime.internal.presence.PresenceAutoConfiguration;
import io.pneumatic.sim.testing.TestHub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue workers' presence on a real Redis: online as agents with their capabilities while they
 * run, renewed past their lease, and gone with an announced leave when they stop.
 */
class AgentPresenceIntegrationTests {

	private static TestHub hub;

	@BeforeAll
	static void startHub() {
		hub = new TestHub();
	}

	@AfterAll
	static void stopHub() {
		hub.close();
	}

	@Test
	void workersAreOnlineAsAgentsWhileTheyRunAndLeaveWhenTheyStop() {
		String channel = "agents-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> capabilities = List.of("tos_screening", "commentary");
		hub.contextRunner()
			.withConfiguration(AutoConfigurations.of(PresenceAutoConfiguration.class))
			.withPropertyValues("pneumatic.presence.lease=600ms")
			.run((context) -> {
				Presence presence = context.getBean(Presence.class);
				AgentPresence agents = new AgentPresence(presence, channel, List.of("sim-t-1", "sim-t-2"), capabilities);
				agents.start();
				try {
					await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(presence.online(channel))
						.containsExactlyInAnyOrder(new PresenceEntity("agent", "sim-t-1", "online", capabilities),
								new PresenceEntity("agent", "sim-t-2", "online", capabilities)));
					// Past the lease: still online, because the leases are renewed.
					await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
						.until(() -> presence.renew(channel, "sim-t-1") && presence.online(channel).size() == 2);
				}
				finally {
					agents.stop();
				}
				assertThat(presence.online(channel)).isEmpty();
				assertThat(hub.redis().xrange("presence:events", Range.create("-", "+")))
					.filteredOn((event) -> event.getBody().get("stream").equals("presence." + channel))
					.extracting((event) -> event.getBody().get("type"))
					.containsExactly("join", "join", "leave", "leave");
			});
	}

}
