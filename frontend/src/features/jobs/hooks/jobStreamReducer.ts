import { count, text, type EventEnvelope } from '../api/types';

/** Progress of one phase, from its latest `phase_update` / `phase_complete`. */
export interface PhaseProgress {
  phaseId: string;
  status: string;
  message: string;
  processed: number;
  total: number;
  errors: number;
  etaSeconds: number | null;
}

/** What the page knows about one job's stream. */
export interface JobStreamState {
  events: EventEnvelope[];
  lastSeq: number;
  status: string | null;
  jobType: string | null;
  /** Phases in the order they first appeared. */
  phases: PhaseProgress[];
  /** Every `token` text, concatenated. */
  tokens: string;
  /** The `done` status, once the job ended. */
  done: string | null;
  caughtUp: boolean;
}

export const initialJobStreamState: JobStreamState = {
  events: [],
  lastSeq: 0,
  status: null,
  jobType: null,
  phases: [],
  tokens: '',
  done: null,
  caughtUp: false,
};

function withPhase(phases: PhaseProgress[], update: PhaseProgress): PhaseProgress[] {
  const index = phases.findIndex((phase) => phase.phaseId === update.phaseId);
  return index < 0 ? [...phases, update] : phases.map((phase, i) => (i === index ? update : phase));
}

/** Folds one event into the state. Events are applied as they arrive: the hub guarantees order. */
export function jobStreamReducer(state: JobStreamState, event: EventEnvelope): JobStreamState {
  const next: JobStreamState = {
    ...state,
    events: [...state.events, event],
    lastSeq: event.seq !== null ? Math.max(state.lastSeq, event.seq) : state.lastSeq,
  };
  const { payload } = event;
  switch (event.type) {
    case 'status':
      return { ...next, status: text(payload, 'status') ?? next.status, jobType: text(payload, 'job_type') ?? next.jobType };
    case 'phase_update':
    case 'phase_complete': {
      const phaseId = text(payload, 'phase_id') ?? '?';
      const previous = state.phases.find((phase) => phase.phaseId === phaseId);
      const complete = event.type === 'phase_complete';
      const total = count(payload, 'total_count') ?? previous?.total ?? 0;
      return {
        ...next,
        phases: withPhase(state.phases, {
          phaseId,
          status: text(payload, 'status') ?? (complete ? 'completed' : 'running'),
          message: text(payload, 'message') ?? '',
          processed: count(payload, 'processed_count') ?? (complete ? total : previous?.processed ?? 0),
          total,
          errors: count(payload, 'error_count') ?? previous?.errors ?? 0,
          etaSeconds: complete ? 0 : count(payload, 'eta_seconds') ?? null,
        }),
      };
    }
    case 'token':
      return { ...next, tokens: next.tokens + (text(payload, 'text') ?? '') };
    case 'done': {
      const done = text(payload, 'status') ?? 'done';
      return { ...next, done, status: done };
    }
    case 'replay_complete':
      return { ...next, caughtUp: true };
    default:
      return next;
  }
}

/** A one-line description of an event for the event list. */
export function summarize(event: EventEnvelope): string {
  const p = event.payload;
  switch (event.type) {
    case 'status':
      return [text(p, 'status'), text(p, 'message')].filter(Boolean).join(' — ');
    case 'phase_update':
      return `${text(p, 'phase_id') ?? '?'} ${count(p, 'processed_count') ?? 0}/${count(p, 'total_count') ?? '?'}`
        + ` · ${count(p, 'error_count') ?? 0} errors · eta ${count(p, 'eta_seconds') ?? '?'}s`;
    case 'phase_complete':
      return `${text(p, 'phase_id') ?? '?'} ${text(p, 'status') ?? 'completed'}`;
    case 'log':
      return `[${text(p, 'level') ?? 'info'}] ${text(p, 'component') ?? ''} ${text(p, 'message') ?? ''}`.replace(/\s+/g, ' ');
    case 'token':
      return JSON.stringify(text(p, 'text') ?? '');
    case 'commentary':
      return text(p, 'text') ?? '';
    case 'error':
      return `${text(p, 'code') ?? 'ERROR'}: ${text(p, 'message') ?? ''}`;
    case 'done':
      return text(p, 'status') ?? '';
    case 'replay_truncated':
      return `events ${count(p, 'from_seq') ?? '?'}–${count(p, 'to_seq') ?? '?'} are gone`;
    case 'replay_complete':
      return 'caught up, live from here';
    default:
      return JSON.stringify(p);
  }
}
