// A guardian managing the family's children (families.addChild, updateChild, requestChildCorrection) and the
// school's answer to a correction request (rosters.closeCorrection). Runs on both sides.
import { z } from 'zod';
import { gradeSchema, idSchema, requiredText } from './schemas';

export const childNameSchema = requiredText('孩子姓名', 32);

/**
 * A class picked from the school's class list (families.classOptions); empty or left out: no class. A school
 * without a class list takes the class as written, in its one spelling (normalizeClassName).
 */
export const childClassSchema = z
  .string({ error: '班级须为文字' })
  .trim()
  .max(32, { error: '班级名称不能超过 32 个字' })
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

export const addChildInput = z.object({ name: childNameSchema, grade: gradeSchema, className: childClassSchema });
export type AddChildInput = z.infer<typeof addChildInput>;

export const updateChildInput = addChildInput.extend({ childId: idSchema });
export type UpdateChildInput = z.infer<typeof updateChildInput>;

/** What the guardian says the school's record of a rostered child should be, and why. */
export const requestChildCorrectionInput = updateChildInput.extend({
  note: z
    .string({ error: '说明须为文字' })
    .trim()
    .max(200, { error: '说明不能超过 200 个字' })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
});
export type RequestChildCorrectionInput = z.infer<typeof requestChildCorrectionInput>;

/** The classes of a child's school (`childId`), or of the family's own school or site. */
export const classOptionsInput = z.object({ childId: idSchema.optional() }).optional();

export const CORRECTION_OUTCOMES = ['DONE', 'DECLINED'] as const;
export type CorrectionOutcome = (typeof CORRECTION_OUTCOMES)[number];
export const CORRECTION_OUTCOME_LABELS: Record<CorrectionOutcome, string> = {
  DONE: '已在名册中改正',
  DECLINED: '名册无误，未改动',
};

export const closeCorrectionInput = z.object({
  correctionId: idSchema,
  outcome: z.enum(CORRECTION_OUTCOMES, { error: '请选择处理结果：已改正或名册无误' }),
});
