/**
 * A snapshot's figures as the sources' readings carry them under the snapshot's own names
 * (shared/ingest/readings.ts FiguresRead): the in-memory sources of the ingest's tests start each
 * reading from these and pin on top what the test is about, so a figure a reading carries as it
 * stands (a new one too) is there without an edit to the fakes.
 */
import type { NetworkSnapshot } from '../../shared/domain/networkSnapshot';
import type { FiguresRead } from '../../shared/ingest/readings';

export function figuresAsRead(snapshot: NetworkSnapshot): FiguresRead {
  // What the snapshot records about itself is no reading's.
  const {
    schemaVersion: _schemaVersion,
    intervalStart: _intervalStart,
    observedAt: _observedAt,
    sources: _sources,
    flags: _flags,
    tipSeenSince: _tipSeenSince,
    ...figures
  } = snapshot;
  return figures;
}
