package io.pneumatic.queue.internal.redis;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pneumatic.queue.EnqueueRequest;
import io.pneumatic.queue.ItemDetails;
import io.pneumatic.queue.Lane;
import io.pneumatic.queue.testing.TestQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The worker protocol of docs/queues.md driven with plain Redis commands ({@code FCALL} with string
 * arguments), as a worker in Python, Go or Node would: no Java API on the worker side.
 */
class WorkerProtocolIntegrationTests {

	private final TestQueue queue = new TestQueue(QueueSettings.defaults()
		.withRetries(2, Duration.ofMillis(250), Duration.ofSeconds(1)));

	private final RedisQueueEngine hub = this.queue.newEngine();

	@BeforeEach
	void loadLibrary() {
		this.hub.loadLibrary();
	}

	@AfterEach
	void close() {
		this.queue.close();
	}

	@Test
	void aWorkerClaimsHeartbeatsAndCompletesWithPlainCommands() {
		this.hub.enqueue(EnqueueRequest.of(Lane.topicPosts("5"), "{\"text\":\"first\"}")
			.withDetails(new ItemDetails("post", "ann", "bob", "first", "job-1")));
		this.hub.enqueue(EnqueueRequest.of(Lane.topicPosts("5"), "{\"text\":\"second\"}"));

		List<Object> claimed = fcall("claim", "py-worker-1", "10", "5000");

		List<Object> claims = list(claimed.get(1));
		assertThat(claims).hasSize(1);
		List<Object> claim = list(claims.getFirst());
		long now = (Long) claimed.get(0);
		String id = (String) claim.get(0);
		String token = (String) claim.get(2);
		assertThat(claim.subList(0, 2)).containsExactly(id, "posts_topic_5");
		assertThat(claim.get(3)).isEqualTo(1L);
		assertThat((Long) claim.get(4)).isEqualTo(now + 5000);
		assertThat(claim.subList(6, 12)).containsExactly("{\"text\":\"first\"}", "post", "ann", "bob", "first", "job-1");

		List<Object> extended = fcall("heartbeat", id, token, "20000");
		assertThat(extended.get(0)).isEqualTo("extended");
		assertThat((Long) extended.get(1)).isGreaterThanOrEqualTo(now + 20000);
		assertThat(list(fcall("claim", "py-worker-2", "10").get(1))).as("the lane is busy").isEmpty();

		assertThat(fcallStatus("complete", id, token)).isEqualTo("completed");
		assertThat(fcallStatus("complete", id, token)).isEqualTo("lease_lost");

		List<Object> next = fcall("claim", "py-worker-2", "10");
		List<Object> second = firstClaim(next);
		assertThat(second.get(6)).isEqualTo("{\"text\":\"second\"}");
		assertThat(second.subList(7, 12)).containsOnlyNulls();
		List<Object> handover = fcall("complete_and_claim", "py-worker-2", "5", "", (String) second.get(0), (String) second.get(2));
		assertThat(list(handover.get(1))).containsExactly("completed");
		assertThat(list(handover.get(2))).isEmpty();
		assertThat(this.hub.stats().completed()).isEqualTo(2);
	}

	@Test
	void failuresAreRetriedAfterTheBackoffThenDeadLettered() {
		this.hub.enqueue(EnqueueRequest.of(Lane.of("go-jobs"), "{}"));
		List<Object> first = firstClaim(fcall("claim", "go-worker", "1"));

		List<Object> retry = fcall("fail", (String) first.get(0), (String) first.get(2), "upstream timeout");

		assertThat(retry.get(0)).isEqualTo("retry");
		assertThat(retry.get(2)).isEqualTo(this.queue.settings().retryPolicy().backoffAfter(1).toMillis());
		assertThat(fcall("fail", (String) first.get(0), (String) first.get(2), "again").get(0)).isEqualTo("lease_lost");
		List<Object> second = firstClaim(await().until(() -> fcall("claim", "go-worker", "1"),
				(reply) -> !list(reply.get(1)).isEmpty()));
		assertThat(second.get(0)).isEqualTo(first.get(0));
		assertThat(second.get(3)).isEqualTo(2L);
		assertThat(fcall("fail", (String) second.get(0), (String) second.get(2), "still down").get(0)).isEqualTo("dead_lettered");

		List<Object> deadLetters = fcallReadOnly("dead_letters", "0", "10");
		assertThat(deadLetters.get(0)).isEqualTo(1L);
		List<Object> deadLetter = list(list(deadLetters.get(1)).getFirst());
		assertThat(deadLetter.subList(0, 4)).containsExactly(first.get(0), "go-jobs", 2L, "still down");
		assertThat(fcallStatus("redrive", (String) first.get(0))).isEqualTo("redriven");
		assertThat(firstClaim(fcall("claim", "go-worker", "1")).get(3)).isEqualTo(1L);
	}

	@Test
	void malformedCallsAreRefusedWithAReason() {
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> fcall("claim", "w"))
			.withMessageStartingWith("ERR BAD_REQUEST max must be a whole number from 1 to 100");
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> fcall("claim", "", "1"))
			.withMessageStartingWith("ERR INVALID_WORKER");
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> fcall("claim", "w", "1", "5"))
			.withMessageStartingWith("ERR BAD_REQUEST lease must be a whole number of milliseconds from 10");
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> fcall("fail", "1", "2"))
			.withMessageStartingWith("ERR BAD_REQUEST expected item id, token and error text");
	}

	@Test
	void readOnlyFunctionsRunWithFcallRo() {
		List<Object> stats = fcallReadOnly("stats");
		List<Object> snapshot = fcallReadOnly("snapshot", "", "100", "3");

		assertThat(stats).hasSize(4);
		assertThat(snapshot.get(1)).isEqualTo("");
		assertThat(fcallReadOnlyStatus("version")).isEqualTo(this.queue.library().render(this.queue.settings()).version());
	}

	private static List<Object> firstClaim(List<Object> reply) {
		return list(list(reply.get(1)).getFirst());
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object reply) {
		return (List<Object>) reply;
	}

	private List<Object> fcall(String function, String... args) {
		return dispatch(CommandType.FCALL, function, args);
	}

	private List<Object> fcallReadOnly(String function, String... args) {
		return dispatch(CommandType.FCALL_RO, function, args);
	}

	private List<Object> dispatch(CommandType type, String function, String... args) {
		return this.queue.redis().dispatch(type, new NestedMultiOutput<>(StringCodec.UTF8), arguments(function, args));
	}

	private String fcallStatus(String function, String... args) {
		return this.queue.redis().dispatch(CommandType.FCALL, new StatusOutput<>(StringCodec.UTF8), arguments(function, args));
	}

	private String fcallReadOnlyStatus(String function, String... args) {
		return this.queue.redis().dispatch(CommandType.FCALL_RO, new StatusOutput<>(StringCodec.UTF8), arguments(function, args));
	}

	/** {@code <library>_<function> 0 <args>…}: no keys, string arguments only. */
	private CommandArgs<String, String> arguments(String function, String... args) {
		CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8).add(this.queue.library().function(function)).add(0);
		for (String arg : args) {
			arguments.add(arg);
		}
		return arguments;
	}

}
