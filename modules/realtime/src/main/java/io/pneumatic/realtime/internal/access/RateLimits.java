package io.pneumatic.realtime.internal.access;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's rate limits, as Bucket4j token buckets: inbound frames per connection (in memory: a
 * connection lives on one instance), inbound frames per user and handshakes per IP address (in
 * Redis under {@code ratelimit:}, so that they hold across instances).
 *
 * <p>When Redis does not answer, the shared limits let traffic through and say so in the log: the
 * per-connection limit still holds, and an outage of the limiter must not become an outage of the hub.
 */
final class RateLimits implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final AccessSettings settings;

	private final Supplier<RedisClient> client;

	private final BucketConfiguration framesPerUser;

	private final BucketConfiguration handshakesPerIp;

	private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

	private volatile @Nullable LettuceBasedProxyManager<String> buckets;

	RateLimits(AccessSettings settings, Supplier<RedisClient> client) {
		this.settings = settings;
		this.client = client;
		this.framesPerUser = BucketConfiguration.builder().addLimit(perSecond(settings.framesPerUser())).build();
		this.handshakesPerIp = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(settings.handshakesPerIp())
				.refillGreedy(settings.handshakesPerIp(), Duration.ofMinutes(1))
				.build())
			.build();
	}

	/** A new frame budget for one connection. */
	Bucket connectionFrames() {
		return Bucket.builder().addLimit(perSecond(this.settings.framesPerConnection())).build();
	}

	/** Takes one frame from the connection's and the user's budget: how long to wait if there is none, else zero. */
	Duration takeFrame(ClientSession session) {
		ConsumptionProbe local = session.frames().tryConsumeAndReturnRemaining(1);
		if (!local.isConsumed()) {
			return Duration.ofNanos(local.getNanosToWaitForRefill());
		}
		if (session.identity().isAnonymous()) {
			return Duration.ZERO;
		}
		return take("ratelimit:frames:" + session.identity().userId(), this.framesPerUser);
	}

	/** Takes one handshake from the address's budget: how long to wait if there is none, else zero. */
	Duration takeHandshake(String address) {
		return take("ratelimit:handshakes:" + address, this.handshakesPerIp);
	}

	private Duration take(String key, BucketConfiguration configuration) {
		try {
			ConsumptionProbe probe = buckets().builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
			return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
		}
		catch (RuntimeException ex) {
			logger.warn("ratelimit.unavailable key={} cause=\"{}\"", key.substring(0, key.lastIndexOf(':')), ex.getMessage());
			return Duration.ZERO;
		}
	}

	private LettuceBasedProxyManager<String> buckets() {
		LettuceBasedProxyManager<String> proxy = this.buckets;
		if (proxy != null && this.connection != null && this.connection.isOpen()) {
			return proxy;
		}
		synchronized (this) {
			if (this.buckets == null || this.connection == null || !this.connection.isOpen()) {
				close();
				StatefulRedisConnection<String, byte[]> opened = this.client.get()
					.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
				this.connection = opened;
				this.buckets = Bucket4jLettuce.casBasedBuilder(opened)
					.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(SECOND))
					.build();
			}
			return this.buckets;
		}
	}

	private static Bandwidth perSecond(int rate) {
		return Bandwidth.builder().capacity(2L * rate).refillGreedy(rate, SECOND).build();
	}

	@Override
	public synchronized void close() {
		StatefulRedisConnection<String, byte[]> open = this.connection;
		this.connection = null;
		this.buckets = null;
		if (open != null) {
			open.close();
		}
	}

}
