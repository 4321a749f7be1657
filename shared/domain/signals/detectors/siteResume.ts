/**
 * site-resume: the end of a class's curtailment, as subscribers receive it. It has no state and
 * observes nothing: the `site-curtail` state of the class clears and its `cleared` event is
 * published under this id (signalIds.ts, CLEARED_AS), worded here. Disabled, the curtailment still
 * ends (the state clears) but no resume is announced.
 */
import * as z from '../../../schema/z';
import { defineSignal } from '../defineSignal';
import { CLASS_MODE_EVIDENCE, CLASS_MODE_FIGURE_NAMES, describeModeChange } from './siteCurtail';

export const siteResumeDetector = defineSignal({
  id: 'site-resume',
  color: '#98df8a',
  watches: ['site-power-price'],
  // Only whether resumptions are announced (the end of a site-curtail episode, decided there).
  config: z.pipe(
    z.strictObject({ enabled: z._default(z.boolean(), true) }),
    z.transform((c: { enabled: boolean }) => ({ ...c, raiseDwellHours: 0, clearDwellHours: 0 })),
  ),
  evidence: CLASS_MODE_EVIDENCE,
  figureNames: CLASS_MODE_FIGURE_NAMES,
  observe: () => [],
  describe: describeModeChange,
  // site-curtail's row says how a curtailment ends, announced under this id.
  docs: null,
});
