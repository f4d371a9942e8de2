import type { JobSummary } from '../api/types';

interface JobListProps {
  jobs: JobSummary[];
  selectedId: string | null;
  error: string | null;
  onSelect: (jobId: string) => void;
}

/** The active jobs; clicking one opens its live stream. */
export function JobList({ jobs, selectedId, error, onSelect }: JobListProps) {
  return (
    <nav className="job-list" aria-label="Active jobs" data-testid="job-list">
      <h2>Active jobs</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {jobs.length === 0 && !error && <p className="muted">No active jobs.</p>}
      <ul>
        {jobs.map((job) => (
          <li key={job.id}>
            <button
              type="button"
              className={job.id === selectedId ? 'job selected' : 'job'}
              data-testid="job-item"
              data-job-id={job.id}
              aria-pressed={job.id === selectedId}
              onClick={() => onSelect(job.id)}
            >
              <span className="job-id">{job.id}</span>
              <span className="muted">
                {job.type ?? 'job'} · {job.status ?? 'unknown'} · seq {job.last_seq}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
