package io.pneumatic.realtime.internal.access;

import java.nio.charset.StandardCharsets;
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
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's limits: as Bucket4j token buckets, inbound frames per connection (in memory: a
 * connection lives on one instance), inbound frames per user and handshakes per IP address (in
 * Redis under {@code ratelimit:}, so that they hold across instances); and connections per user, a
 * Redis sorted set of leased session ids that each instance renews for its own connections.
 *
 * <p>When Redis does not answer, the shared limits let traffic through and say so in the log: the
 * per-connection limit still holds, and an outage of the limiter must not become an outage of the hub.
 */
final class RateLimits implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final String CONNECTIONS = "ratelimit:connections:";

	/**
	 * KEYS[1] the user's connections (a sorted set of session ids scored by lease deadline);
	 * ARGV[1] the session id, ARGV[2] the lease in ms, ARGV[3] the most connections. Redis's clock
	 * decides, so instances with skewed clocks agree.
	 */
	private static final String ADMIT_CONNECTION = """
			local now = redis.call('TIME')
			local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
			if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
			  return 0
			end
			redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return 1
			""";

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

	/**
	 * Counts a new connection of {@code userId} (renews it when it is counted already): false when the
	 * user holds {@code max-connections-per-user} already.
	 */
	boolean admitConnection(String userId, String sessionId) {
		try {
			Long admitted = redis().sync().eval(ADMIT_CONNECTION, ScriptOutputType.INTEGER,
					new String[] { CONNECTIONS + userId }, bytes(sessionId),
					bytes(Long.toString(this.settings.connectionLease().toMillis())),
					bytes(Integer.toString(this.settings.maxConnectionsPerUser())));
			return admitted != null && admitted == 1;
		}
		catch (RuntimeException ex) {
			logger.warn("ratelimit.unavailable key=ratelimit:connections cause=\"{}\"", ex.getMessage());
			return true;
		}
	}

	/** Stops counting a connection. */
	void releaseConnection(String userId, String sessionId) {
		try {
			redis().sync().zrem(CONNECTIONS + userId, bytes(sessionId));
		}
		catch (RuntimeException ex) {
			// Its lease runs out by itself.
			logger.debug("ratelimit.release_failed cause=\"{}\"", ex.getMessage());
		}
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

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private Duration take(String key, BucketConfiguration configuration) {
		try {
			redis();
			ConsumptionProbe probe = this.buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
			return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
		}
		catch (RuntimeException ex) {
			logger.warn("ratelimit.unavailable key={} cause=\"{}\"", key.substring(0, key.lastIndexOf(':')), ex.getMessage());
			return Duration.ZERO;
		}
	}

	private StatefulRedisConnection<String, byte[]> redis() {
		StatefulRedisConnection<String, byte[]> open = this.connection;
		if (open != null && open.isOpen() && this.buckets != null) {
			return open;
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
			return this.connection;
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
