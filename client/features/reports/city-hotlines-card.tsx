// 城市心理援助热线: a province ADMIN keeps each city's own crisis lines, shown on the help card (no login) and
// with every checklist result. One line per row: name, a space, the number.
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { useRemote } from '../../lib/use-remote';

/** "市心理援助热线 0451-12345678" per row → lines; rows that do not end in a number are reported. */
export function parseLines(text: string): { lines: { name: string; number: string }[]; bad: string[] } {
  const lines: { name: string; number: string }[] = [];
  const bad: string[] = [];
  for (const row of text
    .split('\n')
    .map((r) => r.trim())
    .filter(Boolean)) {
    const m = /^(.+?)[\s:：]+([0-9][0-9-]{2,19})$/.exec(row);
    if (m) lines.push({ name: m[1].trim(), number: m[2] });
    else bad.push(row);
  }
  return { lines, bad };
}

function Editor({ provinceId }: { provinceId: string }) {
  const remote = useRemote(remoteKeys.reports.cityLines(provinceId), async () => {
    const [cities, help] = await Promise.all([
      trpc.orgUnits.children.query({ parentId: provinceId }),
      trpc.help.lines.query(),
    ]);
    return { cities, help };
  });
  const [cityId, setCityId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  return (
    <RemoteState state={remote.state} reload={remote.reload}>
      {({ cities, help }) => {
        const pick = (id: string) => {
          setCityId(id);
          setDone(null);
          const current = help.cities.find((c) => c.cityId === id)?.lines ?? [];
          setText(current.map((l) => `${l.name} ${l.number}`).join('\n'));
        };
        const save = () =>
          run(async () => {
            if (!cityId) return;
            const { lines, bad } = parseLines(text);
            if (bad.length) {
              setError(`这几行看不出号码，请写成“名称 号码”：${bad.join('；')}`);
              return;
            }
            await trpc.help.setCityLines.mutate({ cityId, lines });
            setDone(lines.length ? `已保存 ${lines.length} 条热线。` : '已清空该市的热线。');
            remote.reload();
          });
        return (
          <View>
            <ChoiceChips options={cities.map((c) => ({ value: c.id, label: c.name }))} value={cityId} onChange={pick} />
            {cityId ? (
              <View>
                <FormField label='热线（每行一条：名称 号码）'>
                  <Textarea
                    className='city-hotlines__text'
                    placeholder='如：市心理援助热线 0451-12345678'
                    value={text}
                    maxlength={1000}
                    onInput={(e) => setText(e.detail.value)}
                  />
                </FormField>
                <FormError message={error} />
                {done ? <Text className='targets-form__done'>{done}</Text> : null}
                <Button type='primary' loading={busy} onClick={() => void save()}>
                  保存热线
                </Button>
              </View>
            ) : null}
          </View>
        );
      }}
    </RemoteState>
  );
}

export function CityHotlinesCard({ provinceId }: { provinceId: string }) {
  return (
    <View className='report-card city-hotlines' aria-label='城市心理援助热线'>
      <Text className='report-card__title'>城市心理援助热线</Text>
      <Text className='report-card__note'>
        显示在“遇到心理危机？”求助页（无需登录）和每份预警清单结果中，排在 12356、12355 之后。
      </Text>
      <Editor provinceId={provinceId} />
    </View>
  );
}
