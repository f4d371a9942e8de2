package io.pneumatic.api.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

/**
 * An integration test of the whole hub on a random port, with the {@code test} profile and real
 * PostgreSQL, Redis and (for {@code pneumatic.broker.mode=external}) RabbitMQ from {@link TestServices}.
 *
 * <pre>{@code
 * @HubIntegrationTest
 * class JobRestIntegrationTests { @LocalServerPort int port; … }
 *
 * @HubIntegrationTest(properties = "pneumatic.broker.mode=external")
 * class RabbitMqIntegrationTests { … }
 * }</pre>
 *
 * Tests share Redis, PostgreSQL and the broker: use a fresh job id per test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestServices.class, RedisTestDatabase.class })
public @interface HubIntegrationTest {

	/** Extra properties of this test, {@code key=value}. */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
