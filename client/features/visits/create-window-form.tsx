import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { z } from 'zod';
import { VISIT_SEASONS, VISIT_SEASON_LABELS, createWindowInput } from '@shared/visits';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { chosen, dayField, optionalTextField, parsedBy, wholeNumberField } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { invalidate } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { normalizeDay } from './visit-text';
import './visits.scss';

const SEASON_CHOICES = VISIT_SEASONS.map((value) => ({ value, label: VISIT_SEASON_LABELS[value] }));

/** The fields as typed → visits.createWindow's input: the type and the two days first, as they are read. */
const windowForm = (orgUnitId: string) =>
  z
    .object({
      season: chosen(z.enum(VISIT_SEASONS), '请选择家访类型'),
      startsOn: dayField(normalizeDay, '请按 2027-01-15 的格式填写开始日期'),
      endsOn: dayField(normalizeDay, '请按 2027-02-20 的格式填写结束日期'),
      title: optionalTextField,
      travelBufferMinutes: wholeNumberField,
    })
    .transform((f, ctx) => parsedBy(createWindowInput, { orgUnitId, ...f }, ctx));

type Fields = z.input<ReturnType<typeof windowForm>>;
const EMPTY: Fields = { season: null, startsOn: '', endsOn: '', title: '', travelBufferMinutes: '30' };

/**
 * 开设家访窗口: 寒假家访 / 暑假家访 / 学期中电话家访, dates and the travel buffer between home visits.
 * `onCreated` gets the new window (the school's list of windows loads again by itself).
 */
export function CreateWindowForm({ orgUnitId, onCreated }: { orgUnitId: string; onCreated: (id: string) => void }) {
  const form = useSchemaForm(windowForm(orgUnitId), EMPTY);
  const { values, set, busy, error } = form;

  const submit = () =>
    form.submit(async (input) => {
      const { id } = await trpc.visits.createWindow.mutate(input);
      void Taro.showToast({ title: '已开设家访', icon: 'success' });
      form.setValues((v) => ({ ...v, title: '', startsOn: '', endsOn: '' }));
      invalidate(remoteKeys.visits.windows(orgUnitId));
      onCreated(id);
    });

  return (
    <View className='visit-card create-window-form'>
      <Text className='visit-card__heading'>开设寒暑假家访或电话家访</Text>
      <FormField label='家访类型'>
        <ChoiceChips options={SEASON_CHOICES} value={values.season} onChange={set('season')} />
      </FormField>
      <FormField label='名称（选填）'>
        <Input
          name='title'
          placeholder='家访名称（选填，如 2027年寒假家访）'
          value={values.title}
          onChange={set('title')}
          maxLength={60}
          clearable
        />
      </FormField>
      <FormField label='开始日期'>
        <Input
          name='startsOn'
          placeholder='开始日期（如 2027-01-15）'
          value={values.startsOn}
          onChange={set('startsOn')}
          maxLength={12}
          clearable
        />
      </FormField>
      <FormField label='结束日期'>
        <Input
          name='endsOn'
          placeholder='结束日期（如 2027-02-20）'
          value={values.endsOn}
          onChange={set('endsOn')}
          maxLength={12}
          clearable
        />
      </FormField>
      <FormField label='入户家访之间的路程间隔（分钟）'>
        <Input
          name='travelBufferMinutes'
          type='number'
          placeholder='路程间隔（分钟，默认 30）'
          value={values.travelBufferMinutes}
          onChange={set('travelBufferMinutes')}
          maxLength={3}
        />
      </FormField>
      <Text className='visits__hint'>开设后，各班家庭默认由班主任家访。</Text>
      <FormError message={error} />
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={() => void submit()}>
          开设家访
        </Button>
      </View>
    </View>
  );
}
