import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { remoteKeys } from '../lib/remote-keys';
import { trpc, type RouterOutputs } from '../lib/trpc';
import { useRemote } from '../lib/use-remote';
import { ChoiceChips } from './choice-chips';
import { Button } from './nutui';
import { RemoteState } from './remote-state';
import './org-unit-picker.scss';

type OrgUnit = RouterOutputs['orgUnits']['children'][number];
type Kind = OrgUnit['kind'];

export interface PickedUnit {
  id: string;
  name: string;
}

interface Props {
  /** Where the walk starts (the caller's own unit). */
  rootId: string;
  rootName: string;
  heading: string;
  /** Units of this kind are picked; the others are walked into. */
  pickKind: Kind;
  /** Kinds not offered at all. */
  hideKinds?: readonly Kind[];
  onPick: (unit: PickedUnit) => void;
}

/** One level of the walk: the children of `parentId` as chips. */
function UnitChildren({
  parentId,
  hideKinds,
  onChoose,
}: {
  parentId: string;
  hideKinds: readonly Kind[];
  onChoose: (unit: OrgUnit) => void;
}) {
  const { state, reload } = useRemote(remoteKeys.orgUnitChildren(parentId), () =>
    trpc.orgUnits.children.query({ parentId }),
  );
  return (
    <RemoteState state={state} reload={reload}>
      {(units) => {
        const shown = units.filter((u) => !hideKinds.includes(u.kind));
        return (
          <ChoiceChips
            options={shown.map((u) => ({ value: u.id, label: u.name }))}
            value={null}
            onChange={(id) => {
              const unit = shown.find((u) => u.id === id);
              if (unit) onChoose(unit);
            }}
          />
        );
      }}
    </RemoteState>
  );
}

/**
 * Picking an org unit below one's own by walking down the tree (市 → 县（区） → 学校), with the path walked so
 * far and 返回上一级.
 */
export function OrgUnitPicker({ rootId, rootName, heading, pickKind, hideKinds = [], onPick }: Props) {
  const [path, setPath] = useState<PickedUnit[]>([{ id: rootId, name: rootName }]);
  const here = path[path.length - 1];
  return (
    <View className='org-unit-picker'>
      <Text className='org-unit-picker__heading'>{heading}</Text>
      <Text className='org-unit-picker__path'>{path.map((p) => p.name).join(' / ')}</Text>
      {path.length > 1 ? (
        <Button size='small' fill='outline' onClick={() => setPath((p) => p.slice(0, -1))}>
          返回上一级
        </Button>
      ) : null}
      <UnitChildren
        parentId={here.id}
        hideKinds={hideKinds}
        onChoose={(unit) => {
          if (unit.kind === pickKind) onPick({ id: unit.id, name: unit.name });
          else setPath((p) => [...p, { id: unit.id, name: unit.name }]);
        }}
      />
    </View>
  );
}
