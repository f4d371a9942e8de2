import { useEffect, useState } from 'react';

import { getActiveJobs } from '../api/getActiveJobs';
import type { JobSummary } from '../api/types';

const POLL_INTERVAL_MS = 2000;

/** The active jobs, polled every two seconds. */
export function useActiveJobs(): { jobs: JobSummary[]; error: string | null } {
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const poll = async () => {
      try {
        setJobs(await getActiveJobs(controller.signal));
        setError(null);
      } catch (failure) {
        if (!controller.signal.aborted) {
          setError(failure instanceof Error ? failure.message : String(failure));
        }
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_INTERVAL_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, []);

  return { jobs, error };
}
