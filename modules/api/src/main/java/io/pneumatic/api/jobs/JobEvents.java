package io.pneumatic.api.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import io.pneumatic.realtime.EventArchive.SequenceFloor;
import io.pneumatic.realtime.EventEnvelope;

/**
 * The {@code job_events} table, and the {@code jobs} rows it needs, in plain SQL: batched,
 * idempotent inserts and the history queries.
 */
@Repository
class JobEvents {

	private static final String INSERT_EVENT = """
			insert into job_events (job_id, seq, type, ts, payload) values (?, ?, ?, ?, ?::jsonb)
			on conflict (job_id, seq) do nothing""";

	private static final String INSERT_JOB = """
			insert into jobs (id, created_at, updated_at, last_seq) values (?, ?, ?, 0)
			on conflict (id) do nothing""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbcClient;

	private final JsonMapper jsonMapper;

	JobEvents(JdbcTemplate jdbcTemplate, JdbcClient jdbcClient, JsonMapper jsonMapper) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbcClient = jdbcClient;
		this.jsonMapper = jsonMapper;
	}

	/** Stores events that are not stored yet, in one JDBC batch; returns how many were new. */
	int insertAll(List<JobEvent> events) {
		List<Object[]> rows = events.stream()
			.map(event -> new Object[] { event.jobId(), event.seq(), event.envelope().type(),
					timestamp(event.envelope().ts()), this.jsonMapper.writeValueAsString(event.envelope().payload()) })
			.toList();
		int inserted = 0;
		for (int count : this.jdbcTemplate.batchUpdate(INSERT_EVENT, rows)) {
			inserted += Math.max(count, 0);
		}
		return inserted;
	}

	/** Creates the rows of jobs not seen before, each with the given first ts. */
	void insertMissingJobs(Map<String, Instant> firstSeen) {
		List<Object[]> rows = firstSeen.entrySet()
			.stream()
			.map(job -> new Object[] { job.getKey(), timestamp(job.getValue()), timestamp(job.getValue()) })
			.toList();
		this.jdbcTemplate.batchUpdate(INSERT_JOB, rows);
	}

	/** Up to {@code limit} events of a job after {@code afterSeq}, in seq order. */
	List<EventEnvelope> after(String jobId, long afterSeq, int limit) {
		return this.jdbcClient.sql("""
				select seq, type, ts, payload from job_events
				where job_id = ? and seq > ? order by seq limit ?""")
			.params(jobId, afterSeq, limit)
			.query((rs, row) -> envelope(jobId, rs))
			.list();
	}

	/** The last {@code count} {@code log} events of a job, in seq order. */
	List<EventEnvelope> latestLogs(String jobId, int count) {
		List<EventEnvelope> newestFirst = new ArrayList<>(this.jdbcClient.sql("""
				select seq, type, ts, payload from job_events
				where job_id = ? and type = 'log' order by seq desc limit ?""")
			.params(jobId, count)
			.query((rs, row) -> envelope(jobId, rs))
			.list());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	/** The highest stored seq of every job still open or finished at or after {@code finishedSince}. */
	List<SequenceFloor> floors(Instant finishedSince) {
		return this.jdbcClient.sql("""
				select id, last_seq, finished_at is not null as finished from jobs
				where finished_at is null or finished_at >= ?""")
			.params(timestamp(finishedSince))
			.query((rs, row) -> new SequenceFloor(rs.getString("id"), rs.getLong("last_seq"), rs.getBoolean("finished")))
			.list();
	}

	private EventEnvelope envelope(String jobId, ResultSet rs) throws SQLException {
		return new EventEnvelope(EventEnvelope.jobStream(jobId), rs.getLong("seq"), rs.getString("type"),
				rs.getObject("ts", OffsetDateTime.class).toInstant(), this.jsonMapper.readTree(rs.getString("payload")));
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
