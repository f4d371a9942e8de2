import type { PhaseProgress } from '../hooks/jobStreamReducer';

/** One progress bar per phase, with counts and ETA. */
export function PhaseList({ phases }: { phases: PhaseProgress[] }) {
  if (phases.length === 0) {
    return null;
  }
  return (
    <section className="phases" aria-label="Phases">
      {phases.map((phase) => (
        <div key={phase.phaseId} className="phase" data-testid="phase" data-phase-id={phase.phaseId} data-status={phase.status}>
          <div className="phase-head">
            <strong>{phase.phaseId}</strong>
            <span className="muted">
              {phase.processed}/{phase.total} · {phase.errors} errors
              {phase.etaSeconds !== null && phase.etaSeconds > 0 ? ` · eta ${phase.etaSeconds}s` : ''} · {phase.status}
            </span>
          </div>
          <progress max={Math.max(phase.total, 1)} value={Math.min(phase.processed, Math.max(phase.total, 1))} />
        </div>
      ))}
    </section>
  );
}
