import { authorizedFetch } from '../../../lib/auth';
import { parseJobList, type JobSummary } from './types';

/** Fetches the jobs that are still running: `GET /api/v1/jobs/active`. */
export async function getActiveJobs(signal: AbortSignal): Promise<JobSummary[]> {
  const response = await authorizedFetch('/api/v1/jobs/active', { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET /api/v1/jobs/active answered ${response.status}`);
  }
  return parseJobList(await response.json());
}
