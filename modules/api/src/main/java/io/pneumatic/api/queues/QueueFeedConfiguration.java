package io.pneumatic.api.queues;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.queue.QueueEngine;
import io.pneumatic.realtime.ProducerLease;
import io.pneumatic.realtime.SubscriptionMessages;

/**
 * The queue visualization feed and its producer lease.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueFeedSettings.class)
class QueueFeedConfiguration {

	/** The Redis key of the feed's {@link ProducerLease}. */
	static final String PRODUCER_LEASE = "queue:feed:producer";

	@Bean
	QueueFeed queueFeed(QueueEngine queue, @Qualifier("brokerMessagingTemplate") SimpMessageSendingOperations broker,
			SubscriptionMessages subscriptions, StringRedisTemplate redis, QueueFeedSettings settings, JsonMapper json) {
		ProducerLease lease = new ProducerLease(redis, PRODUCER_LEASE, "queue_feed", settings.lengthsInterval());
		return new QueueFeed(queue, broker, subscriptions, lease, settings, json);
	}

}
