package io.pneumatic.realtime.internal.broker;

import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.pneumatic.realtime.internal.log.EventLogConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure only one hub with an embedded broker uses a Redis database.
 *
 * <p>Two such hubs would share the {@code relay} consumer group while each has a broker of its own,
 * so each would relay only part of the events its clients wait for. The lease is a Redis key held
 * with a TTL and renewed by a virtual thread; a second embedded hub waits one TTL for it (a crashed
 * predecessor's lease runs out) and then refuses to start.
 */
public final class EmbeddedHubLease implements AutoCloseable {

	static final String KEY = "pneumatic:embedded-hub";

	static final Duration TTL = Duration.ofSeconds(15);

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedHubLease.class);

	/** Takes the lease, or extends it when this instance holds it: 1; 0 when another instance holds it. */
	private static final String TAKE_OR_RENEW = """
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			return 0""";

	private static final String RELEASE = """
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0""";

	private final EventLogConnections redis;

	private final String instanceId;

	private final Thread renewer;

	private EmbeddedHubLease(EventLogConnections redis, String instanceId) {
		this.redis = redis;
		this.instanceId = instanceId;
		this.renewer = Thread.ofVirtual().name("embedded-hub-lease").unstarted(this::renewUntilClosed);
	}

	/**
	 * Takes the lease for this instance, waiting up to one TTL for another holder's to run out.
	 * @throws IllegalStateException if another live hub with an embedded broker holds it
	 */
	public static EmbeddedHubLease acquire(EventLogConnections redis, String instanceId) {
		EmbeddedHubLease lease = new EmbeddedHubLease(redis, instanceId);
		Instant deadline = Instant.now().plus(TTL).plusSeconds(1);
		try {
			while (!lease.takeOrRenew()) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Another Pneumatic hub with an embedded broker (instance "
							+ redis.commands().get(KEY) + ") uses this Redis database. Run several instances with a "
							+ "shared broker (pneumatic.broker.mode=external), or give this hub a Redis database of "
							+ "its own (spring.data.redis.database).");
				}
				Thread.sleep(500);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while taking the embedded-hub lease", ex);
		}
		catch (RedisException ex) {
			// Redis is down: the hub starts (readiness tells), and the renewer takes the lease later.
			logger.warn("embedded_hub_lease=unchecked cause=\"{}\"", ex.getMessage());
		}
		lease.renewer.start();
		return lease;
	}

	private boolean takeOrRenew() {
		Long taken = this.redis.commands()
			.eval(TAKE_OR_RENEW, ScriptOutputType.INTEGER, new String[] { KEY }, this.instanceId,
					Long.toString(TTL.toMillis()));
		return taken != null && taken == 1;
	}

	private void renewUntilClosed() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Thread.sleep(TTL.dividedBy(3));
				if (!takeOrRenew()) {
					logger.error("embedded_hub_lease=lost holder={} action=\"another hub with an embedded broker uses this "
							+ "Redis database; events are split between two brokers: stop one of them\"",
							this.redis.commands().get(KEY));
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				logger.debug("embedded_hub_lease=renew_failed cause=\"{}\"", ex.getMessage());
			}
		}
	}

	@Override
	public void close() {
		this.renewer.interrupt();
		try {
			this.redis.commands().eval(RELEASE, ScriptOutputType.INTEGER, new String[] { KEY }, this.instanceId);
		}
		catch (RuntimeException ex) {
			logger.debug("embedded_hub_lease=release_failed cause=\"{}\"", ex.getMessage());
		}
	}

}
