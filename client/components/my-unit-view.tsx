import { Text, View } from '@tarojs/components';
import { Fragment, useState, type ReactNode } from 'react';
import { loadMe, type Me } from '../lib/auth-store';
import { remoteKeys } from '../lib/remote-keys';
import { useRemote } from '../lib/use-remote';
import { ChoiceChips } from './choice-chips';
import { RemoteState } from './remote-state';

interface Unit {
  orgUnitId: string;
  orgUnitName: string;
}

interface Props<G extends Unit> {
  /** The caller's units this page serves, in the order to offer them (the first is the default). */
  unitsOf: (me: Me) => G[];
  /** What a caller without any such unit reads. */
  emptyText: string;
  /** How a unit is told apart and labelled in the picker (default: by unit). */
  keyOf?: (unit: G) => string;
  labelOf?: (unit: G) => string;
  /** The page's block class: the page renders in it, with `${className}__empty` and `__hint` texts. */
  className: string;
  children: (unit: G, me: Me) => ReactNode;
}

/**
 * A staff page about one of the caller's units (a school, a site): who am I, which of my units this
 * page serves, a picker when I hold several (the unit's name otherwise), then the page for the unit.
 * The page is keyed by the unit, so picking another starts it afresh.
 */
export function MyUnitView<G extends Unit>({
  unitsOf,
  emptyText,
  keyOf = (u) => u.orgUnitId,
  labelOf = (u) => u.orgUnitName,
  className,
  children,
}: Props<G>) {
  const me = useRemote(remoteKeys.me, () => loadMe());
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <RemoteState state={me.state} reload={me.reload}>
      {(user) => {
        const units = unitsOf(user);
        if (units.length === 0) return <Text className={`${className}__empty`}>{emptyText}</Text>;
        const unit = units.find((u) => keyOf(u) === picked) ?? units[0];
        return (
          <View className={className}>
            {units.length > 1 ? (
              <ChoiceChips
                options={units.map((u) => ({ value: keyOf(u), label: labelOf(u) }))}
                value={keyOf(unit)}
                onChange={setPicked}
              />
            ) : (
              <Text className={`${className}__hint`}>{unit.orgUnitName}</Text>
            )}
            <Fragment key={keyOf(unit)}>{children(unit, user)}</Fragment>
          </View>
        );
      }}
    </RemoteState>
  );
}
