-- Jobs, their events and their phases: the durable record of every job stream (DESIGN.md).
-- Written by the "persist" consumer group (io.pneumatic.api.jobs.JobEventRecorder);
-- read by the REST API and, through EventArchive, by replay beyond Redis retention.

-- One row per job: its snapshot, created by the job's first event.
create table jobs (
    id          text        primary key,
    type        text,                         -- payload job_type of the first status event that names one
    status      text,                         -- payload status of the latest status or done event; null before one
    lane        text,                         -- payload lane of the first status event that names one
    created_at  timestamptz not null,         -- ts of the earliest event
    updated_at  timestamptz not null,         -- ts of the latest event
    started_at  timestamptz,                  -- ts of the first status event with status "running"
    finished_at timestamptz,                  -- ts of the done event
    last_seq    bigint      not null,         -- highest seq in job_events for this job
    status_seq  bigint      not null default 0 -- seq of the event that set status (guards against redelivery)
);

create index jobs_created_at_idx on jobs (created_at desc);
create index jobs_status_created_at_idx on jobs (status, created_at desc);
create index jobs_type_created_at_idx on jobs (type, created_at desc);
create index jobs_active_idx on jobs (created_at desc) where finished_at is null;
create index jobs_finished_at_idx on jobs (finished_at) where finished_at is not null;

-- Every event of every job, exactly once per (job_id, seq).
create table job_events (
    job_id  text        not null,
    seq     bigint      not null,
    type    text        not null,
    ts      timestamptz not null,
    payload jsonb       not null,
    primary key (job_id, seq)
);

create index job_events_logs_idx on job_events (job_id, seq) where type = 'log';

-- The latest progress of each phase of a job.
create table job_phases (
    job_id          text        not null references jobs (id) on delete cascade,
    phase_id        text        not null,
    status          text        not null,
    message         text,
    processed_count bigint,
    total_count     bigint,
    error_count     bigint,
    eta_seconds     bigint,
    first_seq       bigint      not null,     -- seq of the earliest event of this phase (orders phases)
    last_seq        bigint      not null,     -- seq of the event that last changed this phase
    updated_at      timestamptz not null,
    primary key (job_id, phase_id)
);
