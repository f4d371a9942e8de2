package io.pneumatic.api.testing;

import com.redis.testcontainers.RedisContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The services of an integration test, by {@link TestServicesMode}: containers with
 * {@code @ServiceConnection} when Docker is used, else the local services of the {@code test}
 * profile ({@code application-test.yml}), with the test database created when it is missing.
 *
 * <p>Either way the {@code Environment} names the real endpoints ({@code spring.datasource.url},
 * {@code spring.data.redis.host}/{@code port}), so a test can start a second app instance on them;
 * a test that sets {@code pneumatic.broker.mode=external} also gets {@code pneumatic.broker.host}/{@code port},
 * the broker's STOMP endpoint. (RabbitMQ has no {@code @ServiceConnection}: the hub speaks STOMP
 * to it, not AMQP, and Boot's RabbitMQ connection details would need spring-boot-amqp.)
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServices {

	static final String BROKER_MODE = "pneumatic.broker.mode";

	private static final int STOMP_PORT = 61613;

	@Bean
	@ServiceConnection
	@Conditional(OnContainers.class)
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(DockerImageName.parse("postgres:15-alpine")).withDatabaseName("pneumatic_test");
	}

	@Bean
	@ServiceConnection
	@Conditional(OnContainers.class)
	RedisContainer redis() {
		return new RedisContainer(DockerImageName.parse("redis:7.0"));
	}

	@Bean
	@Conditional(OnContainers.class)
	@ConditionalOnProperty(name = BROKER_MODE, havingValue = "external")
	RabbitMQContainer rabbitMq() {
		RabbitMQContainer rabbitMq = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13"))
			.withCopyToContainer(Transferable.of("[rabbitmq_stomp]."), "/etc/rabbitmq/enabled_plugins");
		rabbitMq.addExposedPort(STOMP_PORT);
		return rabbitMq;
	}

	@Bean
	@Conditional(OnContainers.class)
	DynamicPropertyRegistrar containerEndpoints(PostgreSQLContainer postgres, RedisContainer redis) {
		return registry -> {
			registry.add("spring.datasource.url", postgres::getJdbcUrl);
			registry.add("spring.datasource.username", postgres::getUsername);
			registry.add("spring.datasource.password", postgres::getPassword);
			registry.add("spring.data.redis.host", redis::getRedisHost);
			registry.add("spring.data.redis.port", redis::getRedisPort);
		};
	}

	@Bean
	@Conditional(OnContainers.class)
	@ConditionalOnProperty(name = BROKER_MODE, havingValue = "external")
	DynamicPropertyRegistrar containerBroker(RabbitMQContainer rabbitMq) {
		return registry -> {
			registry.add("pneumatic.broker.host", rabbitMq::getHost);
			registry.add("pneumatic.broker.port", () -> rabbitMq.getMappedPort(STOMP_PORT));
		};
	}

	@Bean
	@Conditional(OnLocalServices.class)
	@ConditionalOnProperty(name = BROKER_MODE, havingValue = "external")
	DynamicPropertyRegistrar localBroker() {
		return registry -> {
			registry.add("pneumatic.broker.host", () -> "127.0.0.1");
			registry.add("pneumatic.broker.port", () -> STOMP_PORT);
		};
	}

	@Bean
	@Conditional(OnLocalServices.class)
	static TestDatabase testDatabase(Environment environment) {
		return new TestDatabase(environment);
	}

	/** Matches when the tests run against containers; fails loudly when they must and cannot. */
	static class OnContainers implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestServicesMode.useContainers();
		}

	}

	/** Matches when the tests run against the local services. */
	static class OnLocalServices implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !TestServicesMode.useContainers();
		}

	}

}
