import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import type { ChecklistStage, SaveChecklistDraftInput } from '../../shared/checklists';
import { writeAudit } from '../audit/write-audit';
import { parseDefinition } from './scoring';

/**
 * The published checklists, the latest published version per code. With a stage, that stage's lists
 * and the ones for every stage (ANY). Items carry their id, text and whether they are a danger sign (the page
 * marks those, so a parent knows at once which answer means "act now"); the cut-offs are not needed to answer.
 */
export async function listPublishedChecklists(opts: { db: Db; input?: { stage?: ChecklistStage } }) {
  const { db } = opts;
  const stage = opts.input?.stage;
  const rows = await db.checklist.findMany({
    where: { published: true, ...(stage ? { stage: { in: stage === 'ANY' ? ['ANY'] : [stage, 'ANY'] } } : {}) },
    select: { id: true, code: true, version: true, title: true, stage: true, intro: true, items: true, scoring: true },
    orderBy: [{ code: 'asc' }, { version: 'desc' }],
  });
  const seen = new Set<string>();
  return rows
    .filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)))
    .map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      title: r.title,
      stage: r.stage as ChecklistStage,
      intro: r.intro,
      items: parseDefinition(r).items.map((i) => ({ id: i.id, text: i.text, critical: i.critical === true })),
    }));
}

/** Every version of every checklist, for the province's editor. */
export async function adminListChecklists(opts: { db: Db }) {
  const { db } = opts;
  const rows = await db.checklist.findMany({
    select: {
      id: true,
      code: true,
      version: true,
      title: true,
      stage: true,
      intro: true,
      items: true,
      scoring: true,
      published: true,
      createdAt: true,
    },
    orderBy: [{ code: 'asc' }, { version: 'desc' }],
  });
  return rows.map((r) => {
    const def = parseDefinition(r);
    return {
      ...r,
      stage: r.stage as ChecklistStage,
      items: def.items,
      scoring: def.scoring,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/**
 * Saves an edit as the next version of `code`, unpublished. Published versions are never changed, so
 * a response always keeps the exact items it answered. Two editors saving at once: one gets 409.
 */
export async function saveChecklistDraft(opts: { db: Db; actor: Actor; input: SaveChecklistDraftInput }) {
  const { db, input } = opts;
  const actorId = opts.actor.id;
  return db.$transaction(async (tx) => {
    const last = await tx.checklist.findFirst({
      where: { code: input.code },
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    const version = (last?.version ?? 0) + 1;
    const row = await tx.checklist.create({
      data: {
        code: input.code,
        version,
        title: input.title,
        stage: input.stage,
        intro: input.intro,
        items: input.items,
        scoring: input.scoring,
        published: false,
      },
      select: { id: true, version: true },
    });
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'checklist.saveDraft',
      targetType: 'Checklist',
      targetId: row.id,
      detail: { code: input.code, version },
    });
    return row;
  });
}

/** Publishes one version and unpublishes the other versions of the same code. */
export async function publishChecklist(opts: { db: Db; actor: Actor; input: { checklistId: string } }) {
  const { db } = opts;
  const { checklistId } = opts.input;
  const actorId = opts.actor.id;
  return db.$transaction(async (tx) => {
    const row = await tx.checklist.findUnique({
      where: { id: checklistId },
      select: { id: true, code: true, version: true },
    });
    if (!row) throw new AppError('NOT_FOUND', '清单不存在');
    // Lock every version of the code so that two concurrent publishes leave exactly one published.
    await tx.$queryRaw`SELECT id FROM "Checklist" WHERE code = ${row.code} FOR UPDATE`;
    await tx.checklist.updateMany({ where: { code: row.code, id: { not: row.id } }, data: { published: false } });
    await tx.checklist.update({ where: { id: row.id }, data: { published: true }, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'checklist.publish',
      targetType: 'Checklist',
      targetId: row.id,
      detail: { code: row.code, version: row.version },
    });
    return { ok: true as const };
  });
}
