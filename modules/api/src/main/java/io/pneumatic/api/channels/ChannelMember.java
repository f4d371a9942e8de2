package io.pneumatic.api.channels;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A user's membership of a channel: {@code owner} for its creator, else {@code member}.
 */
@Entity
@Table(name = "channel_members")
@IdClass(ChannelMember.Key.class)
class ChannelMember {

	static final String OWNER = "owner";

	static final String MEMBER = "member";

	@Id
	private String channelId;

	@Id
	private String userId;

	private String role;

	private Instant joinedAt;

	protected ChannelMember() {
		// for JPA
	}

	String channelId() {
		return this.channelId;
	}

	String userId() {
		return this.userId;
	}

	String role() {
		return this.role;
	}

	Instant joinedAt() {
		return this.joinedAt;
	}

	/** The identity of a membership. */
	record Key(String channelId, String userId) implements Serializable {

		Key() {
			this("", "");
		}

	}

}
