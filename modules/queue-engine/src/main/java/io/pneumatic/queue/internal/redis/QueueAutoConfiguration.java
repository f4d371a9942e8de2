package io.pneumatic.queue.internal.redis;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.pneumatic.queue.QueueEngine;

/**
 * The queue engine on the application's Redis: a {@link QueueEngine} bean, a sweeper per instance, and
 * the queue metrics (bound when the application has a {@link MeterRegistry}).
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@ConditionalOnBean(LettuceConnectionFactory.class)
@EnableConfigurationProperties(QueueSettings.class)
public final class QueueAutoConfiguration {

	private static final Duration METRICS_REFRESH = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean
	QueueFunctionLibrary queueFunctionLibrary() {
		return QueueFunctionLibrary.DEFAULT;
	}

	@Bean
	QueueConnections queueConnections(LettuceConnectionFactory connectionFactory) {
		return QueueConnections.of(connectionFactory);
	}

	@Bean
	@ConditionalOnMissingBean(QueueEngine.class)
	RedisQueueEngine queueEngine(QueueConnections connections, QueueFunctionLibrary library, QueueSettings settings,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new RedisQueueEngine(connections, library, settings, meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
	}

	@Bean
	@ConditionalOnBean(RedisQueueEngine.class)
	QueueSweeper queueSweeper(RedisQueueEngine engine, QueueSettings settings) {
		return new QueueSweeper(engine, settings.sweepInterval());
	}

	@Bean
	@ConditionalOnBean(RedisQueueEngine.class)
	QueueMetrics queueMetrics(RedisQueueEngine engine) {
		return new QueueMetrics(engine, METRICS_REFRESH);
	}

}
