package io.pneumatic.realtime;

/**
 * Tells who owns a job, for the rule that a job's stream is seen by its owner (plus moderators and
 * admins). The application provides it from its job records; without one, no job has an owner.
 */
@FunctionalInterface
public interface JobOwnership {

	/** Whether {@code userId} owns job {@code jobId}; false for an unknown job. */
	boolean isOwner(String jobId, String userId);

	/**
	 * Whether a job's stream is open to {@code who}: moderators and admins see every job, anyone else
	 * with a token only the jobs it owns.
	 */
	default boolean isOpenTo(String jobId, ClientIdentity who) {
		return who.seesAllJobs() || (!who.isAnonymous() && isOwner(jobId, who.userId()));
	}

}
