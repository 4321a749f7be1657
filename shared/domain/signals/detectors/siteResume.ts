/**
 * site-resume: the end of a class's curtailment, as subscribers receive it. It has no state and
 * observes nothing: the `site-curtail` state of the class clears and its `cleared` event is
 * published under this id (signalIds.ts, CLEARED_AS), worded here. Disabled, the curtailment still
 * ends (the state clears) but no resume is announced.
 */
import type { SignalDetector } from '../detector';
import type { SignalsConfig } from '../signalsConfig';
import { describeModeChange } from './siteCurtail';

export const siteResumeDetector: SignalDetector<SignalsConfig['site-resume']> = {
  signal: 'site-resume',
  observe: () => [],
  describe: describeModeChange,
};
