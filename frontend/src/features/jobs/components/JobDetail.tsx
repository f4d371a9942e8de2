import { useJobStream } from '../hooks/useJobStream';
import { EventList } from './EventList';
import { PhaseList } from './PhaseList';

/** One job, live: status, phase progress, streamed text and the event list. */
export function JobDetail({ jobId }: { jobId: string }) {
  const stream = useJobStream(jobId);
  return (
    <article
      className="job-detail"
      data-testid="job-detail"
      data-job-id={jobId}
      data-last-seq={stream.lastSeq}
      data-caught-up={stream.caughtUp}
      data-connection={stream.connection}
    >
      <header>
        <h2>{jobId}</h2>
        <span className={`badge ${stream.status ?? 'unknown'}`} data-testid="job-status">
          {stream.status ?? 'waiting'}
        </span>
        {stream.jobType && <span className="muted">{stream.jobType}</span>}
        <span className="muted" data-testid="connection-state" data-state={stream.connection}>
          {stream.connection} · seq {stream.lastSeq}
          {stream.caughtUp ? ' · live' : ''}
        </span>
      </header>
      <PhaseList phases={stream.phases} />
      {stream.tokens && (
        <section aria-label="Output">
          <h3>Output</h3>
          <p className="tokens" data-testid="token-text">{stream.tokens}</p>
        </section>
      )}
      <EventList events={stream.events} />
    </article>
  );
}
