package io.pneumatic.api.jobs;

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

	/** Loads a job and locks its row until the transaction ends. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select j from Job j where j.id = :id")
	Optional<Job> findForUpdate(String id);

	/** Loads a job with its phases. */
	@EntityGraph(attributePaths = "phases")
	Optional<Job> findWithPhasesById(String id);

	/** Jobs without a {@code done} event, newest first. */
	List<Job> findByFinishedAtIsNullOrderByCreatedAtDesc(Limit limit);

}
