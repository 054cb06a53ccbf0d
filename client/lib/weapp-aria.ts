// WeChat's screen reader takes a component's role from `aria-role` (the web's `role` means nothing there) and its
// name and state from aria-label, aria-checked …. Taro's runtime sends a node's attributes under the short keys of
// its component table: the ARIA attributes join that table here (the templates get them from
// config/weapp-aria-plugin.ts, from the same list), and each `role` is also written as `aria-role`.
import { TaroElement } from '@tarojs/runtime';
import { mergeInternalComponents } from '@tarojs/shared';
import { weappAriaPatch } from './weapp-aria-attrs';

export function mirrorRoleForWechat(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  mergeInternalComponents(weappAriaPatch());
  const proto = TaroElement.prototype;
  const set = proto.setAttribute;
  proto.setAttribute = function setAttribute(this: TaroElement, name: string, value: unknown) {
    set.call(this, name, value);
    if (name === 'role') set.call(this, 'aria-role', value);
  };
  const remove = proto.removeAttribute;
  proto.removeAttribute = function removeAttribute(this: TaroElement, name: string) {
    remove.call(this, name);
    if (name === 'role') remove.call(this, 'aria-role');
  };
}
