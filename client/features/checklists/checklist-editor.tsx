import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import {
  CHECKLIST_STAGES,
  CHECKLIST_STAGE_LABELS,
  SUBSCALES,
  SUBSCALE_LABELS,
  saveChecklistDraftInput,
  type ChecklistStage,
  type Subscale,
} from '@shared/checklists';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../lib/china-time';
import { parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { Badge } from './tier-badge';
import './checklists.scss';

type Version = RouterOutputs['checklists']['adminList'][number];

interface ItemDraft {
  key: number;
  id: string;
  text: string;
  subscale: Subscale | 'none';
  critical: boolean;
}

interface Draft {
  /** null: a new checklist (the code is typed); otherwise the code being versioned. */
  baseCode: string | null;
  baseVersion: number | null;
  code: string;
  title: string;
  stage: ChecklistStage;
  intro: string;
  items: ItemDraft[];
  totalCutoff: string;
  frequentCutoff: string;
  subscaleCutoffs: Record<Subscale, string>;
}

let nextKey = 1;

const SUBSCALE_CHOICES = [
  { value: 'none' as const, label: '不计分量表' },
  ...SUBSCALES.map((s) => ({ value: s, label: SUBSCALE_LABELS[s] })),
];
const CRITICAL_CHOICES = [
  { value: 'no', label: '一般信号' },
  { value: 'yes', label: '危险信号（出现即紧急）' },
] as const;
const STAGE_CHOICES = CHECKLIST_STAGES.map((s) => ({ value: s, label: CHECKLIST_STAGE_LABELS[s] }));

function draftFrom(v: Version | null): Draft {
  const cut = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    baseCode: v?.code ?? null,
    baseVersion: v?.version ?? null,
    code: v?.code ?? '',
    title: v?.title ?? '',
    stage: v?.stage ?? 'ANY',
    intro: v?.intro ?? '',
    items: (v?.items ?? [{ id: 'q01', text: '' }]).map((i) => ({
      key: nextKey++,
      id: i.id,
      text: i.text,
      subscale: i.subscale ?? 'none',
      critical: i.critical === true,
    })),
    totalCutoff: cut(v?.scoring.totalCutoff),
    frequentCutoff: cut(v?.scoring.frequentCutoff),
    subscaleCutoffs: {
      internalising: cut(v?.scoring.subscaleCutoffs?.internalising),
      attention: cut(v?.scoring.subscaleCutoffs?.attention),
      externalising: cut(v?.scoring.subscaleCutoffs?.externalising),
    },
  };
}

/** Empty → absent; anything else → a number (the schema explains what is wrong with it). */
function num(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

function toInput(d: Draft) {
  const subscaleCutoffs: Partial<Record<Subscale, number>> = {};
  for (const s of SUBSCALES) {
    const n = num(d.subscaleCutoffs[s]);
    if (n !== undefined) subscaleCutoffs[s] = n;
  }
  return {
    code: d.code.trim(),
    title: d.title,
    stage: d.stage,
    intro: d.intro,
    items: d.items.map((i) => ({
      id: i.id.trim(),
      text: i.text,
      ...(i.subscale === 'none' ? {} : { subscale: i.subscale }),
      ...(i.critical ? { critical: true } : {}),
    })),
    scoring: {
      ...(num(d.totalCutoff) !== undefined ? { totalCutoff: num(d.totalCutoff) } : {}),
      ...(num(d.frequentCutoff) !== undefined ? { frequentCutoff: num(d.frequentCutoff) } : {}),
      ...(Object.keys(subscaleCutoffs).length > 0 ? { subscaleCutoffs } : {}),
    },
  };
}

/** The draft being edited (the editor's own state, any shape it allows) → checklists.saveDraft's input. */
const draftForm = z.custom<Draft>().transform((d, ctx) => parsedBy(saveChecklistDraftInput, toInput(d), ctx));

function DraftForm({ initial, onSaved, onCancel }: { initial: Draft; onSaved: () => void; onCancel: () => void }) {
  const form = useSchemaForm(draftForm, initial);
  const { values: d, set, setValues: setD, busy, error } = form;
  const setItem = (key: number, patch: Partial<ItemDraft>) =>
    setD((prev) => ({ ...prev, items: prev.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) }));
  const moveItem = (index: number, delta: number) =>
    setD((prev) => {
      const items = prev.items.slice();
      const target = index + delta;
      if (target < 0 || target >= items.length) return prev;
      [items[index], items[target]] = [items[target], items[index]];
      return { ...prev, items };
    });
  const addItem = () =>
    setD((prev) => {
      const id = `q${String(prev.items.length + 1).padStart(2, '0')}`;
      return { ...prev, items: [...prev.items, { key: nextKey++, id, text: '', subscale: 'none', critical: false }] };
    });
  const removeItem = (key: number) => setD((prev) => ({ ...prev, items: prev.items.filter((i) => i.key !== key) }));

  const save = () =>
    form.submit(async (input) => {
      const { version } = await trpc.checklists.saveDraft.mutate(input);
      void Taro.showToast({ title: `已保存为第 ${version} 版草稿`, icon: 'none' });
      invalidate(remoteKeys.checklists.admin);
      onSaved();
    });

  return (
    <View className='cl-card cl-editor-form'>
      <Text className='cl-card__heading'>
        {d.baseCode ? `基于第 ${d.baseVersion} 版编辑：${d.baseCode}` : '新建清单'}
      </Text>
      <Text className='cl-card__hint'>
        保存后生成一个新版本（草稿），家长看不到；发布后才替换现行版本。已发布的版本不会被修改，家长的历史答卷保留所答的版本。
      </Text>
      {d.baseCode ? null : (
        <FormField label='清单代码（小写字母、数字、连字符）'>
          <Input
            name='code'
            placeholder='请输入清单代码'
            value={d.code}
            onChange={set('code')}
            maxLength={40}
            clearable
          />
        </FormField>
      )}
      <FormField label='清单名称'>
        <Input
          name='title'
          placeholder='请输入清单名称'
          value={d.title}
          onChange={set('title')}
          maxLength={80}
          clearable
        />
      </FormField>
      <FormField label='适用对象'>
        <ChoiceChips options={STAGE_CHOICES} value={d.stage} onChange={set('stage')} />
      </FormField>
      <FormField label='填写说明'>
        <Textarea
          className='cl-textarea'
          placeholder='请输入填写说明（注明仅供筛查参考、不是诊断）'
          value={d.intro}
          maxlength={2000}
          onInput={(e) => set('intro')(e.detail.value)}
        />
      </FormField>
      <Text className='cl-label'>题目（共 {d.items.length} 题）</Text>
      {d.items.map((item, index) => (
        <View key={item.key} className='cl-editor-item'>
          <Text className='cl-editor-item__no'>第 {index + 1} 题</Text>
          <Input
            name={`item-id-${item.key}`}
            placeholder='题目编号（如 q01）'
            value={item.id}
            onChange={(v: string) => setItem(item.key, { id: v })}
            maxLength={32}
          />
          <Textarea
            className='cl-textarea cl-textarea--small'
            placeholder='题目内容'
            value={item.text}
            maxlength={200}
            onInput={(e) => setItem(item.key, { text: e.detail.value })}
          />
          <ChoiceChips
            options={SUBSCALE_CHOICES}
            value={item.subscale}
            onChange={(v) => setItem(item.key, { subscale: v })}
          />
          <ChoiceChips
            options={CRITICAL_CHOICES}
            value={item.critical ? 'yes' : 'no'}
            onChange={(v) => setItem(item.key, { critical: v === 'yes' })}
          />
          <View className='cl-row cl-row--actions'>
            <Button size='small' fill='outline' disabled={index === 0} onClick={() => moveItem(index, -1)}>
              上移
            </Button>
            <Button
              size='small'
              fill='outline'
              disabled={index === d.items.length - 1}
              onClick={() => moveItem(index, 1)}
            >
              下移
            </Button>
            <Button size='small' fill='none' onClick={() => removeItem(item.key)}>
              删除题目
            </Button>
          </View>
        </View>
      ))}
      <Button block fill='dashed' onClick={addItem}>
        添加题目
      </Button>
      <Text className='cl-label'>判定规则（留空表示不使用）</Text>
      <Text className='cl-card__hint'>
        任何危险信号答“有时”或“经常”即为紧急；总分或任一分量表达到界值、或一般信号答“经常”的个数达到界值，为建议联系学校。
      </Text>
      <FormField label='总分界值'>
        <Input
          name='totalCutoff'
          type='number'
          placeholder='总分界值（如 15）'
          value={d.totalCutoff}
          onChange={set('totalCutoff')}
        />
      </FormField>
      {SUBSCALES.map((s) => (
        <FormField key={s} label={`${SUBSCALE_LABELS[s]}界值`}>
          <Input
            name={`cutoff-${s}`}
            type='number'
            placeholder={`${SUBSCALE_LABELS[s]}界值`}
            value={d.subscaleCutoffs[s]}
            onChange={(v: string) =>
              setD((prev) => ({ ...prev, subscaleCutoffs: { ...prev.subscaleCutoffs, [s]: v } }))
            }
          />
        </FormField>
      ))}
      <FormField label='“经常”出现的一般信号数界值'>
        <Input
          name='frequentCutoff'
          type='number'
          placeholder='“经常”信号数界值（如 2）'
          value={d.frequentCutoff}
          onChange={set('frequentCutoff')}
        />
      </FormField>
      <FormError message={error} />
      <View className='cl-actions'>
        <Button type='primary' block loading={busy} onClick={() => void save()}>
          保存为新版本草稿
        </Button>
        <Button block fill='none' onClick={onCancel}>
          放弃编辑
        </Button>
      </View>
    </View>
  );
}

function groupByCode(versions: Version[]): { code: string; versions: Version[] }[] {
  const map = new Map<string, Version[]>();
  for (const v of versions) map.set(v.code, [...(map.get(v.code) ?? []), v]);
  return [...map.entries()].map(([code, list]) => ({ code, versions: list.sort((a, b) => b.version - a.version) }));
}

/** 清单管理 (province admins): every checklist's versions; edit as a new draft version; publish a version. */
export function ChecklistEditor() {
  const { state, reload } = useRemote(remoteKeys.checklists.admin, () => trpc.checklists.adminList.query());
  const [editing, setEditing] = useState<Draft | null>(null);
  const { busy, busyKey: busyId, run } = useAction({ toast: true });

  const publish = async (v: Version) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '发布清单',
      content: `发布“${v.title}”第 ${v.version} 版后，家长将填写这一版，该清单的其他版本随之下线。确定发布吗？`,
      confirmText: '发布',
      cancelText: '取消',
    });
    if (!confirm) return;
    await run(async () => {
      await trpc.checklists.publish.mutate({ checklistId: v.id });
      void Taro.showToast({ title: '已发布', icon: 'success' });
      invalidate(remoteKeys.checklists.all);
    }, v.id);
  };

  if (editing) {
    return (
      <View className='checklist-editor'>
        <DraftForm initial={editing} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
      </View>
    );
  }

  return (
    <RemoteState state={state} reload={reload}>
      {(versions) => (
        <View className='checklist-editor'>
          <View className='cl-actions'>
            <Button type='primary' block onClick={() => setEditing(draftFrom(null))}>
              新建清单
            </Button>
          </View>
          {groupByCode(versions).map((group) => {
            // Headed by what parents see now (the published version), else the newest draft.
            const current = group.versions.find((v) => v.published) ?? group.versions[0];
            return (
              <View key={group.code} className='cl-card cl-editor-group' data-checklist-code={group.code}>
                <Text className='cl-card__heading'>{current.title}</Text>
                <Text className='cl-line cl-line--muted'>
                  代码：{group.code} · 适用：{CHECKLIST_STAGE_LABELS[current.stage]}
                </Text>
                {group.versions.map((v) => (
                  <View key={v.id} className='cl-editor-version' data-version={v.version}>
                    <View className='cl-row'>
                      <Text className='cl-editor-version__no'>第 {v.version} 版</Text>
                      {v.published ? <Badge text='现行版本' tone='ok' /> : <Badge text='未发布' tone='muted' />}
                    </View>
                    {v.title !== current.title ? <Text className='cl-line'>名称：{v.title}</Text> : null}
                    <Text className='cl-line cl-line--muted'>
                      {v.items.length} 题 · 创建于 {formatDateTime(v.createdAt)}
                    </Text>
                    <View className='cl-row cl-row--actions'>
                      <Button size='small' fill='outline' onClick={() => setEditing(draftFrom(v))}>
                        基于此版编辑
                      </Button>
                      {v.published ? null : (
                        <Button size='small' type='primary' loading={busyId === v.id} onClick={() => void publish(v)}>
                          发布此版
                        </Button>
                      )}
                    </View>
                  </View>
                ))}
              </View>
            );
          })}
        </View>
      )}
    </RemoteState>
  );
}
