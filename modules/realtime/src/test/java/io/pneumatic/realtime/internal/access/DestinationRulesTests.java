package io.pneumatic.realtime.internal.access;

import java.time.Instant;
import java.util.Set;

import io.pneumatic.realtime.ChannelMemberships;
import io.pneumatic.realtime.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationRulesTests {

	/** alice is a member of lobby (with chat) and of agents (presence only); bob of nothing. */
	private static final ChannelMemberships memberships = new ChannelMemberships() {

		@Override
		public boolean isMember(String channelId, String userId) {
			return userId.equals("alice") && (channelId.equals("lobby") || channelId.equals("agents"));
		}

		@Override
		public boolean hasChat(String channelId) {
			return channelId.equals("lobby");
		}

	};

	private final DestinationRules rules = new DestinationRules((jobId, userId) -> jobId.equals("42") && userId.equals("alice"),
			memberships);

	private static ClientIdentity user(String id, String... roles) {
		return new ClientIdentity(id, Set.of(roles), Set.of(), Instant.now().plusSeconds(60));
	}

	private static final ClientIdentity alice = user("alice", "citizen");

	private static final ClientIdentity bob = user("bob", "citizen");

	private static final ClientIdentity moderator = new ClientIdentity("mo", Set.of("moderator"),
			Set.of(ClientIdentity.CONTENT_PREVIEW), Instant.now().plusSeconds(60));

	private static final ClientIdentity operator = user("op", "operator");

	private static final ClientIdentity admin = user("ad", "admin");

	@Test
	void aJobStreamIsOpenToItsOwnerModeratorsAndAdmins() {
		assertThat(this.rules.refusal(alice, "/topic/jobs.42")).isNull();
		assertThat(this.rules.refusal(moderator, "/topic/jobs.42")).isNull();
		assertThat(this.rules.refusal(admin, "/topic/jobs.42")).isNull();
		assertThat(this.rules.refusal(bob, "/topic/jobs.42")).contains("owner");
		assertThat(this.rules.refusal(ClientIdentity.anonymous(), "/topic/jobs.42")).isNotNull();
	}

	@Test
	void anonymousUserNamedLikeAnOwnerIsNoOwner() {
		DestinationRules anonymousOwns = new DestinationRules((jobId, userId) -> true, memberships);
		assertThat(anonymousOwns.refusal(ClientIdentity.anonymous(), "/topic/jobs.42")).isNotNull();
	}

	@Test
	void previewsNeedTheContentPreviewPermission() {
		assertThat(this.rules.refusal(alice, "/topic/queues")).isNull();
		assertThat(this.rules.refusal(ClientIdentity.anonymous(), "/topic/queues")).isNull();
		assertThat(this.rules.refusal(alice, "/topic/queues.previews")).contains("content_preview");
		assertThat(this.rules.refusal(moderator, "/topic/queues.previews")).isNull();
	}

	@Test
	void opsStreamsAcceptWildcardsForOperatorsOnly() {
		assertThat(this.rules.refusal(operator, "/topic/ops.*.production.alert_fired")).isNull();
		assertThat(this.rules.refusal(operator, "/topic/ops.#")).isNull();
		assertThat(this.rules.refusal(admin, "/topic/ops.eu-1.production.metric_update")).isNull();
		assertThat(this.rules.refusal(alice, "/topic/ops.*.production.alert_fired")).contains("operators");
		assertThat(this.rules.refusal(moderator, "/topic/ops.#")).isNotNull();
	}

	@Test
	void refusesAnUnknownOpsEventType() {
		assertThat(this.rules.refusal(operator, "/topic/ops.eu-1.production.alert_fired")).isNull();
		assertThat(this.rules.refusal(operator, "/topic/ops.eu-1.production.coffee_spilled")).contains("unknown ops event type");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/#", "/topic/*", "/topic/jobs.*", "/topic/jobs.#", "/topic/*.42", "/topic/queues.*",
			"/topic/channels.*", "/topic/ops.a.b.c.d", "/queue/errors-usersession1", "/user/bob/queue/errors",
			"/user/queue/secrets", "/exchange/amq.topic/jobs.42", "/topic/jobs.42.extra", "/app/anything" })
	void refusesWhatNoRuleNamesEvenForAdmins(String destination) {
		assertThat(this.rules.refusal(admin, destination)).isNotNull();
	}

	@Test
	void systemNeedsAToken() {
		assertThat(this.rules.refusal(alice, "/topic/system")).isNull();
		assertThat(this.rules.refusal(ClientIdentity.anonymous(), "/topic/system")).isNotNull();
	}

	@Test
	void everyConnectionHasItsOwnErrorAndReplyQueues() {
		assertThat(this.rules.refusal(ClientIdentity.anonymous(), "/user/queue/errors")).isNull();
		assertThat(this.rules.refusal(bob, "/user/queue/replies")).isNull();
	}

	@Test
	void aChannelsPresenceAndChatAreOpenToItsMembersAndAdmins() {
		assertThat(this.rules.refusal(alice, "/topic/channels.lobby")).isNull();
		assertThat(this.rules.refusal(alice, "/topic/presence.lobby")).isNull();
		assertThat(this.rules.refusal(bob, "/topic/channels.lobby")).contains("members");
		assertThat(this.rules.refusal(bob, "/topic/presence.lobby")).contains("members");
		assertThat(this.rules.refusal(ClientIdentity.anonymous(), "/topic/presence.lobby")).isNotNull();
		assertThat(this.rules.refusal(admin, "/topic/channels.lobby")).isNull();
	}

	@Test
	void anonymousUserNamedLikeAMemberIsNoMember() {
		ClientIdentity anonymousAlice = new ClientIdentity(ClientIdentity.ANONYMOUS, Set.of(), Set.of(), null);
		DestinationRules everyoneIsMember = new DestinationRules((jobId, userId) -> false, new ChannelMemberships() {

			@Override
			public boolean isMember(String channelId, String userId) {
				return true;
			}

			@Override
			public boolean hasChat(String channelId) {
				return true;
			}

		});
		assertThat(everyoneIsMember.refusal(anonymousAlice, "/topic/channels.lobby")).isNotNull();
		assertThat(everyoneIsMember.sendRefusal(anonymousAlice, "/app/channels/lobby/send")).isNotNull();
	}

	@Test
	void chatIsOpenToMembersOfChannelsWithChat() {
		assertThat(this.rules.sendRefusal(alice, "/app/channels/lobby/send")).isNull();
		assertThat(this.rules.sendRefusal(bob, "/app/channels/lobby/send")).contains("members");
		assertThat(this.rules.sendRefusal(admin, "/app/channels/lobby/send")).contains("members");
		assertThat(this.rules.sendRefusal(alice, "/app/channels/agents/send")).contains("presence only");
		assertThat(this.rules.sendRefusal(alice, "/app/channels/lobby/other")).contains("/app/channels/{channelId}/send");
	}

	@Test
	void aPresenceStatusIsOpenToMembersAndAdmins() {
		assertThat(this.rules.sendRefusal(alice, "/app/presence/agents/status")).isNull();
		assertThat(this.rules.sendRefusal(admin, "/app/presence/agents/status")).isNull();
		assertThat(this.rules.sendRefusal(bob, "/app/presence/agents/status")).contains("members");
	}

	@Test
	void otherApplicationDestinationsAreLeftToTheirHandlers() {
		assertThat(this.rules.sendRefusal(bob, "/app/noop")).isNull();
	}

}
