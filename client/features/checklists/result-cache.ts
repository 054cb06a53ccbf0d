// The result of the submission just made, handed from the answer page to the result page in memory
// (reading it back with checklists.getResponse would decrypt the answers and write an audit row for nothing).
import type { RouterOutputs } from '../../lib/trpc';

export type SubmitResult = RouterOutputs['checklists']['submit'] & {
  checklistTitle: string;
  childName: string;
  shared: boolean;
};

const results = new Map<string, SubmitResult>();

export function rememberResult(result: SubmitResult): void {
  results.clear();
  results.set(result.responseId, result);
}

export function recentResult(responseId: string): SubmitResult | null {
  return results.get(responseId) ?? null;
}

export function forgetResults(): void {
  results.clear();
}
