package io.pneumatic.api.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Creates the database that {@code spring.datasource.url} names when it is missing, before any
 * bean connects to it, so the tests need no set-up on a fresh machine.
 *
 * <p>It connects to the {@code postgres} database of the same server. An unreachable server is
 * left to the tests to report.
 */
class TestDatabase implements BeanFactoryPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(TestDatabase.class);

	private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^/]+)/([A-Za-z0-9_]+)(\\?.*)?");

	private static final Set<String> ensured = ConcurrentHashMap.newKeySet();

	private final Environment environment;

	TestDatabase(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String url = this.environment.getProperty("spring.datasource.url", "");
		Matcher parts = POSTGRES_URL.matcher(url);
		if (!parts.matches() || ensured.contains(url)) {
			return;
		}
		String adminUrl = "jdbc:postgresql://" + parts.group(1) + "/postgres";
		String database = parts.group(2);
		try (Connection connection = DriverManager.getConnection(adminUrl,
				this.environment.getProperty("spring.datasource.username", "postgres"),
				this.environment.getProperty("spring.datasource.password", ""))) {
			if (!exists(connection, database)) {
				create(connection, database);
			}
			ensured.add(url);
		}
		catch (SQLException ex) {
			logger.warn("event=test_database_not_ensured url={} cause={}", adminUrl, ex.getMessage());
		}
	}

	private static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			query.setString(1, database);
			try (ResultSet found = query.executeQuery()) {
				return found.next();
			}
		}
	}

	private static void create(Connection connection, String database) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("create database \"" + database + "\"");
			logger.info("event=test_database_created database={}", database);
		}
		catch (SQLException ex) {
			if (!"42P04".equals(ex.getSQLState())) { // duplicate_database: another test JVM was faster
				throw ex;
			}
		}
	}

}
