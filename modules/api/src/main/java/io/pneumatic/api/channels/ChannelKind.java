package io.pneumatic.api.channels;

import java.util.Locale;

/**
 * What kind of channel: who may join it and whether it has chat.
 */
enum ChannelKind {

	/** Anyone signed in may join; members chat and see each other's presence. */
	PUBLIC,

	/** Only those its owner (or an admin) invites are members; non-members do not see that it exists. */
	PRIVATE,

	/** Anyone signed in may join to watch who is online (such as {@code agents}); no chat. */
	PRESENCE;

	/** The name in the database and on the wire: {@code public}, {@code private}, {@code presence}. */
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ChannelKind of(String wireName) {
		return valueOf(wireName.toUpperCase(Locale.ROOT));
	}

	boolean hasChat() {
		return this != PRESENCE;
	}

	boolean isOpen() {
		return this != PRIVATE;
	}

}
