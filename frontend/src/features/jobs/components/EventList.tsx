import type { EventEnvelope } from '../api/types';
import { summarize } from '../hooks/jobStreamReducer';

/** Every event of the stream, in arrival order: seq, type and a summary. */
export function EventList({ events }: { events: EventEnvelope[] }) {
  return (
    <section aria-label="Events">
      <h3>Events</h3>
      <ol className="events" data-testid="event-list">
        {events.map((event, index) => (
          <li
            key={event.seq ?? `control-${index}`}
            className={event.seq === null ? 'event control' : 'event'}
            data-testid="event-row"
            data-seq={event.seq ?? ''}
            data-type={event.type}
          >
            <span className="seq">{event.seq ?? '–'}</span>
            <span className="type">{event.type}</span>
            <span className="summary">{summarize(event)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
