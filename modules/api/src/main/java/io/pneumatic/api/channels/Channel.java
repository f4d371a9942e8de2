package io.pneumatic.api.channels;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.pneumatic.realtime.ClientIdentity;

/**
 * A channel: its kind, name, owner and how many members it holds and may hold. The member count
 * changes only through {@link Channels#takeSeat} and {@link Channels#releaseSeat}, in the transaction
 * that adds or removes the member.
 */
@Entity
@Table(name = "channels")
class Channel {

	@Id
	private String id;

	private String kind;

	private String name;

	private String owner;

	private int maxMembers;

	@Column(insertable = false, updatable = false)
	private int memberCount;

	private Instant createdAt;

	Channel(String id, ChannelKind kind, String name, String owner, int maxMembers, Instant createdAt) {
		this.id = id;
		this.kind = kind.wireName();
		this.name = name;
		this.owner = owner;
		this.maxMembers = maxMembers;
		this.createdAt = createdAt;
	}

	protected Channel() {
		// for JPA
	}

	String id() {
		return this.id;
	}

	ChannelKind kind() {
		return ChannelKind.of(this.kind);
	}

	String name() {
		return this.name;
	}

	String owner() {
		return this.owner;
	}

	int maxMembers() {
		return this.maxMembers;
	}

	int memberCount() {
		return this.memberCount;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/** Whether {@code who} may invite others: the owner and admins. */
	boolean isManagedBy(ClientIdentity who) {
		return who.hasRole("admin") || this.owner.equals(who.userId());
	}

}
