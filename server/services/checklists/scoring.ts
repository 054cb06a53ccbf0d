import { AppError } from '../../errors/app-error';
import {
  checklistItemSchema,
  checklistScoringSchema,
  SUBSCALES,
  type AnswerValue,
  type ChecklistItem,
  type ChecklistScoring,
  type RiskTier,
  type Subscale,
} from '../../shared/checklists';

export interface ChecklistDefinition {
  items: ChecklistItem[];
  scoring: ChecklistScoring;
}

export type Answers = Record<string, AnswerValue>;

export interface Score {
  tier: RiskTier;
  total: number;
  subscales: Partial<Record<Subscale, number>>;
  /** Critical items answered 有时 or 经常. */
  criticalSigns: number;
  /** Non-critical items answered 经常. */
  frequentSigns: number;
}

/**
 * The tier rule (one rule for every checklist; the cut-offs are data):
 *
 *  1. URGENT          — any critical item answered above 0 (有时 or 经常). A critical sign (talk of death,
 *                       self-harm, giving belongings away, searching for means) is never "wait and see".
 *  2. CONTACT_SCHOOL  — otherwise, if the total reaches `totalCutoff` (PSC-17: 15), or any subscale reaches
 *                       its cut-off (PSC-17: internalising 5, attention 7, externalising 7), or at least
 *                       `frequentCutoff` non-critical signs are answered 经常 (crisis lists: 2).
 *  3. WATCH           — otherwise, if any item is answered above 0: some signs, below every cut-off.
 *  4. NONE            — every item answered 从不.
 *
 * Each condition only grows when an answer is raised, so raising any answer never lowers the tier
 * (property-tested in test/unit/checklist-scoring.test.ts).
 */
export function scoreAnswers(def: ChecklistDefinition, answers: Answers): Score {
  let total = 0;
  let criticalSigns = 0;
  let frequentSigns = 0;
  let anySign = false;
  const subscales: Partial<Record<Subscale, number>> = {};
  for (const item of def.items) {
    const a = answers[item.id] ?? 0;
    total += a;
    if (a > 0) anySign = true;
    if (item.critical) {
      if (a > 0) criticalSigns += 1;
    } else if (a === 2) {
      frequentSigns += 1;
    }
    if (item.subscale) subscales[item.subscale] = (subscales[item.subscale] ?? 0) + a;
  }
  const { totalCutoff, subscaleCutoffs = {}, frequentCutoff } = def.scoring;
  let tier: RiskTier;
  if (criticalSigns > 0) tier = 'URGENT';
  else if (
    (totalCutoff != null && total >= totalCutoff) ||
    SUBSCALES.some((s) => subscaleCutoffs[s] != null && (subscales[s] ?? 0) >= subscaleCutoffs[s]!) ||
    (frequentCutoff != null && frequentSigns >= frequentCutoff)
  )
    tier = 'CONTACT_SCHOOL';
  else if (anySign) tier = 'WATCH';
  else tier = 'NONE';
  return { tier, total, subscales, criticalSigns, frequentSigns };
}

/**
 * Every item of the checklist answered exactly once (an object has each key once), and nothing else.
 * The values (0|1|2) are already checked by the input schema.
 */
export function checkAnswersComplete(def: ChecklistDefinition, answers: Record<string, number>): void {
  const known = new Set(def.items.map((i) => i.id));
  const extra = Object.keys(answers).filter((id) => !known.has(id));
  if (extra.length > 0)
    throw new AppError('BAD_REQUEST', `回答中有不属于本清单的题目：${extra.slice(0, 3).join('、')}`);
  const missing = def.items.filter((i) => !Object.prototype.hasOwnProperty.call(answers, i.id));
  if (missing.length > 0) throw new AppError('BAD_REQUEST', `还有 ${missing.length} 题没有回答，请全部回答后再提交`);
  for (const [id, v] of Object.entries(answers)) {
    if (v !== 0 && v !== 1 && v !== 2)
      throw new AppError('BAD_REQUEST', `第 ${id} 题的回答须为 0（从不）、1（有时）或 2（经常）`);
  }
}

/** Reads a stored checklist's `items` and `scoring` JSON; a malformed row is a server bug, not user input. */
export function parseDefinition(row: { items: unknown; scoring: unknown }): ChecklistDefinition {
  const items = checklistItemSchema.array().parse(row.items);
  const scoring = checklistScoringSchema.parse(row.scoring ?? {});
  return { items, scoring };
}
