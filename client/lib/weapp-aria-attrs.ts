// WeChat's ARIA attributes (base library 2.7.1+) that our components use, added to the mini program's templates
// (config/weapp-aria-plugin.ts) and to the runtime's attribute table (weapp-aria.ts): both must list the same ones,
// in the same components, or an attribute lands in another's slot. Plain JavaScript syntax: Taro loads this file
// with the build's plugins, untranspiled.
export const WEAPP_ARIA_ATTRS = [
  'aria-role',
  'aria-label',
  'aria-checked',
  'aria-selected',
  'aria-disabled',
  'aria-hidden',
  'aria-expanded',
  'aria-pressed',
  'aria-current',
  'aria-live',
];

export const WEAPP_ARIA_COMPONENTS = ['View', 'Text', 'Image'];

/** The attributes as Taro's component tables write them: component → attribute → default value (none). */
export function weappAriaPatch() {
  const attrs = Object.fromEntries(WEAPP_ARIA_ATTRS.map((a) => [a, '']));
  return Object.fromEntries(WEAPP_ARIA_COMPONENTS.map((c) => [c, { ...attrs }]));
}
