package io.pneumatic.api.channels;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pneumatic.realtime.ClientIdentity;
import io.pneumatic.realtime.Presence;
import io.pneumatic.realtime.PresenceEntity;

/**
 * {@code GET /api/v1/presence/{channel}}: who is online in a channel now, by entity type, for its
 * members and admins. Read from Redis, so every instance answers the same.
 */
@RestController
class PresenceController {

	private final ChannelDirectory directory;

	private final Presence presence;

	PresenceController(ChannelDirectory directory, Presence presence) {
		this.directory = directory;
		this.presence = presence;
	}

	@GetMapping("/api/v1/presence/{channel}")
	OnlineEntities online(
			@PathVariable @Pattern(regexp = ChannelController.CHANNEL_ID, message = ChannelController.CHANNEL_ID_MESSAGE) String channel,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "user|agent|service", message = "must be user, agent or service") String type,
			@AuthenticationPrincipal ClientIdentity caller) {
		this.directory.visible(channel, caller);
		if (!caller.hasRole("admin") && !this.directory.isMember(channel, caller)) {
			throw ChannelRequestDeniedException.notMember(channel);
		}
		List<PresenceEntity> online = this.presence.online(channel)
			.stream()
			.sorted(Comparator.comparing(PresenceEntity::type).thenComparing(PresenceEntity::id))
			.toList();
		Map<String, List<PresenceEntity>> byType = new LinkedHashMap<>();
		for (String entityType : List.of(PresenceEntity.USER, PresenceEntity.AGENT, PresenceEntity.SERVICE)) {
			if (type == null || type.equals(entityType)) {
				byType.put(entityType, online.stream().filter((entity) -> entity.type().equals(entityType)).toList());
			}
		}
		return new OnlineEntities(channel, online.size(), byType);
	}

	/**
	 * @param channel the channel id
	 * @param online how many entities are online, of every type
	 * @param entities the online entities by type ({@code user}, {@code agent}, {@code service}), or of the type asked for
	 */
	record OnlineEntities(String channel, int online, Map<String, List<PresenceEntity>> entities) {
	}

}
