/**
 * Synthesizes the templates the IAM evaluator reads once, before any test file starts. Without it
 * the first test files of a run (two workers) would each synthesize the app at the same moment on a
 * cold cache and their setup could outlast the hook timeout on a loaded 2-core machine; with it
 * every worker reads the file `synthesizedStacks` left on disk.
 */
import { synthesizedStacks } from './synthesizedTemplate';

export default function warmSynthesizedTemplates(): void {
  synthesizedStacks();
}
