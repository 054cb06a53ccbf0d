// NutUI components used by the client, each with its own stylesheet (NutUI's per-component CSS).
// Named imports from the package root are tree-shaken; only these components reach the bundle.
import type { ComponentProps } from 'react';
import { Button as NutButton, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import { keyboardPress } from './pressable';

/**
 * NutUI's Button, and on the web a real button: there it renders Taro's taro-button-core, a custom element
 * with no role, no tab stop and no Enter/Space, so screen readers did not announce it and the keyboard could
 * not reach it. role=button, aria-disabled and keyboardPress() make it one (WeChat renders a native button).
 */
export function Button(props: ComponentProps<typeof NutButton>) {
  if (process.env.TARO_ENV !== 'h5') return <NutButton {...props} />;
  const off = Boolean(props.disabled || props.loading);
  // NutUI passes props it does not know on to Taro's Button (role is not in its types).
  const web = { role: 'button', 'aria-disabled': off ? 'true' : undefined, ...keyboardPress(off) };
  return <NutButton {...web} {...props} />;
}

export { Cell, CellGroup, Input };
