import { GUARDIAN_RELATIONS, GUARDIAN_RELATION_LABELS, type GuardianRelation } from '@shared/enums';
import { GRADES, STAGE_LABELS, type GradeCode, type Stage } from '@shared/grades';
import type { Choice } from '../../components/choice-chips';

export const RELATION_CHOICES: Choice<GuardianRelation>[] = GUARDIAN_RELATIONS.map((value) => ({
  value,
  label: GUARDIAN_RELATION_LABELS[value],
}));

/** Grades grouped by school stage (学前, 小学, 初中, 高中, 大学), in the order of GRADES. */
export const GRADE_GROUPS: { stage: Stage; label: string; choices: Choice<GradeCode>[] }[] = (() => {
  const groups: { stage: Stage; label: string; choices: Choice<GradeCode>[] }[] = [];
  for (const grade of GRADES) {
    let group = groups.find((g) => g.stage === grade.stage);
    if (!group) {
      group = { stage: grade.stage, label: STAGE_LABELS[grade.stage], choices: [] };
      groups.push(group);
    }
    group.choices.push({ value: grade.code, label: grade.label });
  }
  return groups;
})();
