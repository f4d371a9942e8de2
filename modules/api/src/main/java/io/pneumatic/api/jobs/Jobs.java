package io.pneumatic.api.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * The job snapshots.
 */
interface Jobs extends JpaRepository<Job, String>, JpaSpecificationExecutor<Job> {

	/**
	 * Loads jobs and locks their rows until the transaction ends, in id order (concurrent batches lock
	 * in the same order and cannot deadlock). One query: a query per job would make Hibernate flush
	 * and dirty-check every job loaded before it.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select j from Job j where j.id in :ids order by j.id")
	List<Job> findAllForUpdate(Collection<String> ids);

	/** Loads a job with its phases. */
	@EntityGraph(attributePaths = "phases")
	Optional<Job> findWithPhasesById(String id);

	/** Jobs without a {@code done} event, newest first. */
	List<Job> findByFinishedAtIsNullOrderByCreatedAtDesc(Limit limit);

	/** One owner's jobs without a {@code done} event, newest first. */
	List<Job> findByOwnerAndFinishedAtIsNullOrderByCreatedAtDesc(String owner, Limit limit);

	/** Whether {@code owner} owns job {@code id}. */
	boolean existsByIdAndOwner(String id, String owner);

}
