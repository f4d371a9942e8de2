package io.pneumatic.api.queues;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Which instance produces the queue feed: the holder of the Redis key {@code queue:feed:producer},
 * taken when free and kept by renewing it on every tick. An instance that dies loses it within
 * three ticks, and another takes over.
 */
final class FeedProducerLease {

	private static final Logger logger = LoggerFactory.getLogger(FeedProducerLease.class);

	private static final String KEY = "queue:feed:producer";

	/** Takes the lease when free, renews it when ours. */
	private static final RedisScript<Long> TAKE_OR_RENEW = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if holder == false or holder == ARGV[1] then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String instance = UUID.randomUUID().toString();

	private final Duration ttl;

	private volatile boolean held;

	FeedProducerLease(StringRedisTemplate redis, Duration tick) {
		this.redis = redis;
		this.ttl = tick.multipliedBy(3);
	}

	/** Whether this instance produces now; takes or renews the lease. False when Redis does not answer. */
	boolean holds() {
		boolean now;
		try {
			Long taken = this.redis.execute(TAKE_OR_RENEW, List.of(KEY), this.instance, Long.toString(this.ttl.toMillis()));
			now = taken != null && taken == 1;
		}
		catch (RuntimeException ex) {
			now = false;
		}
		if (now != this.held) {
			logger.info("queue_feed.producer={} instance={}", now ? "this" : "another", this.instance);
			this.held = now;
		}
		return now;
	}

	String instance() {
		return this.instance;
	}

}
