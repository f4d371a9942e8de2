package io.pneumatic.api.jobs;

import io.pneumatic.api.testing.TestTokens;
import org.springframework.http.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import io.pneumatic.api.testing.HubIntegrationTest;
import io.pneumatic.api.testing.TcpProxy;
import io.pneumatic.realtime.EventEnvelope;

import static io.pneumatic.api.jobs.TestEvents.event;
import static io.pneumatic.api.jobs.TestEvents.newJobId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL unreachable, through a proxy between the app's pool and the database that the test
 * cuts and restores: the app starts anyway, not ready, and loses no event.
 */
@HubIntegrationTest(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseOutageIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	DatabaseBehindProxy database;

	@Autowired
	JobEventRecorder recorder;

	@Autowired
	JdbcClient jdbc;

	@Test
	void startsNotReadyWithoutPostgresAndRecordsEveryEventOnceItIsBack() {
		String jobId = newJobId();
		List<EventEnvelope> first = List.of(event(jobId, 1, "status", Map.of("status", "running")));
		List<EventEnvelope> second = List.of(event(jobId, 2, "token", Map.of("text", "t")),
				event(jobId, 3, "done", Map.of("status", "succeeded")));

		// The proxy was cut while the app started: PostgreSQL has never answered it.
		assertThat(health("liveness")).isEqualTo(200);
		assertThat(health("readiness")).isEqualTo(503);
		assertThatException().isThrownBy(() -> this.recorder.consume(first));

		this.database.proxy().restore();
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(health("readiness")).isEqualTo(200));
		await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> this.recorder.consume(first));

		this.database.proxy().cut();
		assertThatException().isThrownBy(() -> this.recorder.consume(second));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(health("readiness")).isEqualTo(503));
		assertThat(health("liveness")).isEqualTo(200);
		ResponseEntity<JsonNode> unavailable = get("/api/v1/jobs/" + jobId);
		assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
		assertThat(unavailable.getBody().get("code").asString()).isEqualTo("STORE_UNAVAILABLE");

		this.database.proxy().restore();
		await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> this.recorder.consume(second));
		assertThat(this.jdbc.sql("select seq from job_events where job_id = ? order by seq")
			.param(jobId)
			.query(Long.class)
			.list()).containsExactly(1L, 2L, 3L);
		assertThat(this.jdbc.sql("select status from jobs where id = ?").param(jobId).query(String.class).single())
			.isEqualTo("succeeded");
	}

	private int health(String probe) {
		return get("/actuator/health/" + probe).getStatusCode().value();
	}

	private ResponseEntity<JsonNode> get(String path) {
		return RestClient.builder()
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.moderator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build()
			.get()
			.uri("http://127.0.0.1:" + this.port + path)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Proxied {

		@Bean
		static DatabaseBehindProxy databaseBehindProxy() {
			return new DatabaseBehindProxy();
		}

	}

	/** Points the app's connection pool at a {@link TcpProxy} to its database, cut from the start. */
	static class DatabaseBehindProxy implements BeanPostProcessor, DisposableBean {

		private volatile @Nullable TcpProxy proxy;

		TcpProxy proxy() {
			TcpProxy current = this.proxy;
			if (current == null) {
				throw new IllegalStateException("no HikariDataSource was created");
			}
			return current;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource dataSource && this.proxy == null) {
				URI upstream = URI.create(dataSource.getJdbcUrl().substring("jdbc:".length()));
				try {
					TcpProxy created = TcpProxy.cutTo(upstream.getHost(), upstream.getPort());
					this.proxy = created;
					dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + created.port() + upstream.getRawPath()
							+ ((upstream.getRawQuery() != null) ? "?" + upstream.getRawQuery() : ""));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return bean;
		}

		@Override
		public void destroy() {
			TcpProxy current = this.proxy;
			if (current != null) {
				current.close();
			}
		}

	}

}
