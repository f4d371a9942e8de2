package io.pneumatic.realtime.internal.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.pneumatic.realtime.internal.consume.InstanceSettings;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * Starts ActiveMQ Artemis inside the app with a STOMP acceptor on loopback, so that a single node
 * needs only Redis and PostgreSQL.
 *
 * <p>The broker keeps nothing on disk: Redis Streams are the log, and a client that loses its
 * subscription resumes by replay. A single node: the {@link EmbeddedHubLease} keeps a second
 * embedded hub off the same Redis database.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pneumatic.broker.mode", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedBrokerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedBrokerConfiguration.class);

	/** How long the embedded broker keeps a relay session whose client sends nothing and has no heart-beats. */
	private static final Duration LISTEN_ONLY_TTL = Duration.ofHours(1);

	@Bean(destroyMethod = "close")
	EmbeddedHubLease embeddedHubLease(EventLogConnections redis, InstanceSettings instance) {
		return EmbeddedHubLease.acquire(redis, instance.instanceId());
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	@DependsOn("embeddedHubLease")
	EmbeddedActiveMQ embeddedBroker(BrokerEndpoint endpoint) throws Exception {
		Path dataDir = Files.createTempDirectory("pneumatic-artemis-");
		Configuration configuration = new ConfigurationImpl();
		configuration.setName("pneumatic-embedded");
		configuration.setPersistenceEnabled(false);
		configuration.setSecurityEnabled(false);
		configuration.setJMXManagementEnabled(false);
		configuration.setGracefulShutdownEnabled(false);
		configuration.setBrokerInstance(dataDir.toFile());
		// Without these Artemis logs two warnings (AMQ222165, AMQ222166) for every subscription's queue; nothing
		// is ever dead-lettered or expired here, and its own default broker.xml names the same addresses.
		configuration.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
			.setExpiryAddress(SimpleString.of("ExpiryQueue")));
		// connectionTtl: Artemis drops a STOMP connection without heart-beats after a minute of client silence,
		// which would cut listen-only clients; the hub ends relay sessions itself when their WebSocket closes.
		configuration.addAcceptorConfiguration("stomp", "tcp://" + endpoint.host() + ":" + endpoint.port()
				+ "?protocols=STOMP;anycastPrefix=/queue/;multicastPrefix=/topic/;connectionTtl=" + LISTEN_ONLY_TTL.toMillis());
		logger.info("embedded_broker=artemis acceptor=stomp host={} port={}", endpoint.host(), endpoint.port());
		return new EmbeddedActiveMQ().setConfiguration(configuration);
	}

}
