import { useState } from 'react';

import { JobDetail, JobList, useActiveJobs } from '../features/jobs';

/** The page: active jobs on the left, the selected job's live stream on the right. */
export function App() {
  const { jobs, error } = useActiveJobs();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <div className="layout">
      <header className="top">
        <h1>Pneumatic</h1>
      </header>
      <JobList jobs={jobs} selectedId={selectedId} error={error} onSelect={setSelectedId} />
      <main>
        {selectedId ? <JobDetail key={selectedId} jobId={selectedId} /> : <p className="muted">Pick a job to watch it live.</p>}
      </main>
    </div>
  );
}
