/** A JSON object as it came over the wire. */
export type Payload = Record<string, unknown>;

/** One event as every client sees it (DESIGN.md, "Event envelope"). */
export interface EventEnvelope {
  stream: string;
  /** Per-stream sequence number; null for control events (replay_truncated, replay_complete). */
  seq: number | null;
  type: string;
  ts: string;
  payload: Payload;
}

/** A job in the active list (`GET /api/v1/jobs/active`). */
export interface JobSummary {
  id: string;
  type: string | null;
  status: string | null;
  last_seq: number;
}

/** Reads a string field of a payload, or undefined when absent or not a string. */
export function text(payload: Payload, field: string): string | undefined {
  const value = payload[field];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a number field of a payload, or undefined when absent or not a number. */
export function count(payload: Payload, field: string): number | undefined {
  const value = payload[field];
  return typeof value === 'number' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a STOMP MESSAGE body into an envelope; throws on anything else. */
export function parseEnvelope(body: string): EventEnvelope {
  const value: unknown = JSON.parse(body);
  if (!isObject(value) || typeof value.type !== 'string' || !isObject(value.payload)) {
    throw new Error(`Not an event envelope: ${body.slice(0, 200)}`);
  }
  return {
    stream: typeof value.stream === 'string' ? value.stream : '',
    seq: typeof value.seq === 'number' ? value.seq : null,
    type: value.type,
    ts: typeof value.ts === 'string' ? value.ts : '',
    payload: value.payload,
  };
}

/** Reads a job list response: a JSON array, or an object with a `jobs` array. */
export function parseJobList(value: unknown): JobSummary[] {
  const items = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.jobs) ? value.jobs : [];
  return items.filter(isObject).flatMap((item) =>
    typeof item.id === 'string'
      ? [
          {
            id: item.id,
            type: typeof item.type === 'string' ? item.type : null,
            status: typeof item.status === 'string' ? item.status : null,
            last_seq: typeof item.last_seq === 'number' ? item.last_seq : 0,
          },
        ]
      : [],
  );
}
