package io.pneumatic.api.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.pneumatic.realtime.JobOwnership;

/**
 * Job ownership for the STOMP endpoint's rules, from the job records. While PostgreSQL is down
 * nobody is an owner: owners wait, moderators and admins are unaffected.
 */
@Component
class JobOwners implements JobOwnership {

	private static final Logger logger = LoggerFactory.getLogger(JobOwners.class);

	private final Jobs jobs;

	JobOwners(Jobs jobs) {
		this.jobs = jobs;
	}

	@Override
	public boolean isOwner(String jobId, String userId) {
		try {
			return this.jobs.existsByIdAndOwner(jobId, userId);
		}
		catch (DataAccessException ex) {
			logger.warn("jobs.ownership.unavailable job={} cause=\"{}\"", jobId, ex.getMostSpecificCause().getMessage());
			return false;
		}
	}

}
