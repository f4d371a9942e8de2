package io.pneumatic.sim.worker;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The in-character moderator who comments on content that passed screening, one per content type.
 */
enum Persona {

	/** Comments on new topics. */
	ARCHIVIST("Ada the Archivist", List.of(
			"A fresh topic from {author}: \"{excerpt}\". Catalogued, cross-referenced and shelved where everyone can find it.",
			"New shelf space for \"{excerpt}\", courtesy of {author}. The index card is filled in neatly.")),

	/** Comments on posts to topics. */
	REFEREE("Rex the Referee", List.of(
			"{author} takes the floor in {lane}: \"{excerpt}\". Clean play, no whistle from me.",
			"Fair contribution from {author}: \"{excerpt}\". Play on, the thread stays green.")),

	/** Comments on private messages; never quotes them. */
	CHAPERONE("Pip the Chaperone", List.of(
			"A private note from {sender} in {lane}. I only peeked at the envelope: friendly, so off it goes.",
			"{sender} sent a message in {lane}. Nothing to see here, and I made sure not to look too closely.")),

	/** Comments on any other job. */
	ANALYST("Quill the Analyst", List.of(
			"Job {type} from {author} checks out: its parameters look tidy and nothing alarming turned up.",
			"Reviewed the {type} request of {author}. Sensible inputs, no red flags, handing it on."));

	private static final int EXCERPT_LENGTH = 48;

	private final String displayName;

	private final List<String> templates;

	Persona(String displayName, List<String> templates) {
		this.displayName = displayName;
		this.templates = templates;
	}

	/** The persona for a content type. */
	static Persona of(String contentType) {
		return switch (contentType) {
			case WorkItem.TOPIC -> ARCHIVIST;
			case WorkItem.POST -> REFEREE;
			case WorkItem.MESSAGE -> CHAPERONE;
			default -> ANALYST;
		};
	}

	/** The name shown as {@code commentary.persona}. */
	String displayName() {
		return this.displayName;
	}

	/** One remark about the item, in character; single spaces only, so it streams word by word. */
	String remark(WorkItem item, RandomGenerator random) {
		String template = this.templates.get(random.nextInt(this.templates.size()));
		return template.replace("{author}", Objects.requireNonNullElse(item.author(), "someone"))
			.replace("{sender}", Objects.requireNonNullElse(item.sender(), Objects.requireNonNullElse(item.author(), "someone")))
			.replace("{lane}", item.lane())
			.replace("{type}", item.contentType())
			.replace("{excerpt}", excerpt(item.screenedText()))
			.replaceAll("\\s+", " ")
			.strip();
	}

	private static String excerpt(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return (flat.length() <= EXCERPT_LENGTH) ? flat : flat.substring(0, EXCERPT_LENGTH).strip() + "…";
	}

}
