package io.pneumatic.api.channels;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.pneumatic.realtime.ChannelEvents;
import io.pneumatic.realtime.ClientIdentity;

/**
 * Channels over REST, under {@code /api/v1/channels}: create, list, join, leave, invite, members. Every
 * change of membership is announced on {@code /topic/channels.{id}} ({@code member_joined},
 * {@code member_left}) with the member count. A private channel the caller does not belong to is a 404.
 */
@RestController
@RequestMapping("/api/v1/channels")
class ChannelController {

	static final String CHANNEL_ID = "[A-Za-z0-9_-]{1,64}";

	static final String CHANNEL_ID_MESSAGE = "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -";

	private static final Logger logger = LoggerFactory.getLogger(ChannelController.class);

	private final ChannelDirectory directory;

	private final ChannelEvents events;

	ChannelController(ChannelDirectory directory, ChannelEvents events) {
		this.directory = directory;
		this.events = events;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ChannelView create(@RequestBody @Valid NewChannel request, @AuthenticationPrincipal ClientIdentity caller) {
		Channel channel = this.directory.create(request.id(), ChannelKind.of(request.kind()),
				(request.name() != null) ? request.name() : request.id(),
				(request.maxMembers() != null) ? request.maxMembers() : NewChannel.DEFAULT_MAX_MEMBERS, caller);
		return ChannelView.of(channel, true);
	}

	@GetMapping
	Map<String, List<ChannelView>> channels(@AuthenticationPrincipal ClientIdentity caller) {
		List<ChannelView> views = this.directory.visibleTo(caller)
			.stream()
			.map((channel) -> ChannelView.of(channel, this.directory.isMember(channel.id(), caller)))
			.toList();
		return Map.of("channels", views);
	}

	@GetMapping("/{id}")
	ChannelView channel(@PathVariable @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_MESSAGE) String id,
			@AuthenticationPrincipal ClientIdentity caller) {
		return ChannelView.of(this.directory.visible(id, caller), this.directory.isMember(id, caller));
	}

	@GetMapping("/{id}/members")
	Map<String, Object> members(@PathVariable @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_MESSAGE) String id,
			@AuthenticationPrincipal ClientIdentity caller) {
		List<MemberView> members = this.directory.members(id, caller).stream().map(MemberView::of).toList();
		return Map.of("channel_id", id, "members", members);
	}

	@PostMapping("/{id}/join")
	MembershipChange join(@PathVariable @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_MESSAGE) String id,
			@AuthenticationPrincipal ClientIdentity caller) {
		return announced(this.directory.join(id, caller), "member_joined", caller.userId());
	}

	@PostMapping("/{id}/leave")
	MembershipChange leave(@PathVariable @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_MESSAGE) String id,
			@AuthenticationPrincipal ClientIdentity caller) {
		return announced(this.directory.leave(id, caller), "member_left", caller.userId());
	}

	@PostMapping("/{id}/members")
	@ResponseStatus(HttpStatus.CREATED)
	MembershipChange invite(@PathVariable @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_MESSAGE) String id,
			@RequestBody @Valid Invitation invitation, @AuthenticationPrincipal ClientIdentity caller) {
		return announced(this.directory.invite(id, invitation.userId(), caller), "member_joined", caller.userId());
	}

	/** Announces a change after its transaction committed; a change that Redis missed is still made. */
	private MembershipChange announced(MembershipChange change, String type, String by) {
		if (change.changed()) {
			try {
				this.events.publish(change.channelId(), type,
						Map.of("user", change.userId(), "by", by, "members", change.members()));
			}
			catch (RuntimeException ex) {
				logger.warn("channels.announce_failed channel={} type={} cause=\"{}\"", change.channelId(), type,
						NestedExceptionUtils.getMostSpecificCause(ex).toString());
			}
		}
		return change;
	}

	/**
	 * @param id the channel id
	 * @param kind {@code public}, {@code private} or {@code presence}
	 * @param name a display name; the id by default
	 * @param maxMembers how many members it may hold; {@value #DEFAULT_MAX_MEMBERS} by default
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record NewChannel(@NotNull @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_MESSAGE) String id,
			@NotNull @Pattern(regexp = "public|private|presence", message = "must be public, private or presence") String kind,
			@Nullable @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String name,
			@Nullable @Min(value = 1, message = "must be at least 1") @Max(value = 100_000, message = "must be at most 100000") Integer maxMembers) {

		static final int DEFAULT_MAX_MEMBERS = 1000;

	}

	/** @param userId the user to make a member */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Invitation(@NotNull @Size(min = 1, max = 128, message = "must be 1 to 128 characters") String userId) {
	}

	/**
	 * @param userId the member
	 * @param role {@code owner} or {@code member}
	 * @param joinedAt when it became a member
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record MemberView(String userId, String role, Instant joinedAt) {

		static MemberView of(ChannelMember member) {
			return new MemberView(member.userId(), member.role(), member.joinedAt());
		}

	}

}
