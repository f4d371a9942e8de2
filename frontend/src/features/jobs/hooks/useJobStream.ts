import { useEffect, useReducer, useRef, useState } from 'react';

import { subscribeResumable, type ConnectionState } from '../../../lib/stomp';
import { parseEnvelope } from '../api/types';
import { initialJobStreamState, jobStreamReducer, type JobStreamState } from './jobStreamReducer';

/** The live state of one job: its whole history replayed (`last-seq: 0`), then live events. */
export function useJobStream(jobId: string): JobStreamState & { connection: ConnectionState } {
  const [state, dispatch] = useReducer(jobStreamReducer, initialJobStreamState);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const lastSeq = useRef(0);

  useEffect(() => {
    lastSeq.current = 0;
    return subscribeResumable({
      destination: `/topic/jobs.${jobId}`,
      lastSeq: () => lastSeq.current,
      onMessage: (body) => {
        const event = parseEnvelope(body);
        if (event.seq !== null) {
          if (event.seq <= lastSeq.current) {
            return; // a critical event sent again because its acknowledgement was late: shown already
          }
          lastSeq.current = event.seq;
        }
        dispatch(event);
      },
      onStateChange: setConnection,
    });
  }, [jobId]);

  return { ...state, connection };
}
