package io.pneumatic.sim.demo;

import java.util.List;

/**
 * The kinds of simulated jobs and the phases each one goes through.
 */
enum JobKind {

	/** An LLM agent: plans, streams its answer token by token, reviews it. */
	LLM_AGENT("llm_agent", "agent", List.of(
			new Phase("plan", Phase.Work.STEPS), new Phase("generate", Phase.Work.TOKENS),
			new Phase("review", Phase.Work.COMMENTARY))),

	/** Content moderation: fetches items, screens them (some fail), summarizes. */
	CONTENT_MODERATION("content_moderation", "moderator", List.of(
			new Phase("fetch", Phase.Work.ITEMS), new Phase("screen", Phase.Work.ITEMS),
			new Phase("summarize", Phase.Work.TOKENS))),

	/** A batch job: extract, transform, load. */
	BATCH_JOB("batch_job", "batch", List.of(
			new Phase("extract", Phase.Work.ITEMS), new Phase("transform", Phase.Work.ITEMS),
			new Phase("load", Phase.Work.ITEMS)));

	private final String wireName;

	private final String component;

	private final List<Phase> phases;

	JobKind(String wireName, String component, List<Phase> phases) {
		this.wireName = wireName;
		this.component = component;
		this.phases = phases;
	}

	/** The job type as published in {@code status.job_type}. */
	String wireName() {
		return this.wireName;
	}

	/** The worker component named in log lines. */
	String component() {
		return this.component;
	}

	/** The phases, in order. */
	List<Phase> phases() {
		return this.phases;
	}

	/**
	 * One phase of a job.
	 * @param id the phase id on the wire
	 * @param work what the phase does, which decides the events it publishes
	 */
	record Phase(String id, Work work) {

		/** What a phase does. */
		enum Work {

			/** A few planning steps, each with a log line. */
			STEPS,

			/** Many items processed in chunks, some of them with errors. */
			ITEMS,

			/** LLM-style word-by-word output. */
			TOKENS,

			/** A few remarks of the agent. */
			COMMENTARY

		}

	}

}
