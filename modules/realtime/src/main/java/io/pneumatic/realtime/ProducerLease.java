package io.pneumatic.realtime;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Which instance produces a periodic feed ({@code /topic/queues}, {@code /topic/system}): the holder of
 * one Redis key, taken when free and kept by renewing it on every tick. An instance that dies loses it
 * within three ticks, and another takes over.
 *
 * <p>Thread-safe; meant to be asked once per tick by the feed's ticker.
 */
public final class ProducerLease {

	private static final Logger logger = LoggerFactory.getLogger(ProducerLease.class);

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

	private final String key;

	private final String feed;

	private final String instance = UUID.randomUUID().toString();

	private final Duration ttl;

	private volatile boolean held;

	/**
	 * @param key the lease's Redis key, such as {@code queue:feed:producer}
	 * @param feed the feed's name in log lines, such as {@code queue_feed}
	 * @param tick how often the feed ticks; the lease lives three ticks
	 */
	public ProducerLease(StringRedisTemplate redis, String key, String feed, Duration tick) {
		this.redis = redis;
		this.key = key;
		this.feed = feed;
		this.ttl = tick.multipliedBy(3);
	}

	/** Whether this instance produces now; takes or renews the lease. False when Redis does not answer. */
	public boolean holds() {
		boolean now;
		try {
			Long taken = this.redis.execute(TAKE_OR_RENEW, List.of(this.key), this.instance, Long.toString(this.ttl.toMillis()));
			now = taken != null && taken == 1;
		}
		catch (RuntimeException ex) {
			now = false;
		}
		if (now != this.held) {
			logger.info("{}.producer={} instance={}", this.feed, now ? "this" : "another", this.instance);
			this.held = now;
		}
		return now;
	}

}
