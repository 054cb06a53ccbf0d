// Taps for keyboards and screen readers. On the web build Taro's View and Button are custom elements
// (taro-view-core, taro-button-core): no role, no tab stop, no Enter or Space. These props make a tappable
// element a real one there. WeChat has no keyboard: the mini program gets nothing extra.
const WEB = process.env.TARO_ENV === 'h5';

/** Enter or Space on the focused element acts as a tap (not when a control inside it has the focus). */
function pressOnKey(e: KeyboardEvent): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  if (e.target !== e.currentTarget) return;
  e.preventDefault();
  (e.currentTarget as HTMLElement).click();
}

/**
 * The keyboard half of a tappable element: a tab stop (none while disabled) and Enter/Space. Spread it
 * onto a View or a Button next to `role` and `onClick`; `tabIndex` is not in Taro's prop types.
 */
export function keyboardPress(disabled = false): Record<string, unknown> {
  if (!WEB) return {};
  return { tabIndex: disabled ? -1 : 0, onKeyDown: pressOnKey };
}

/**
 * A box that scrolls on its own (a long text, a wide table): a tab stop, so the keyboard can scroll it (arrow
 * keys) even when nothing inside it can take the focus. With `label`, a named region (not for a table, which
 * keeps its own role).
 */
export function keyboardScroll(label?: string): Record<string, unknown> {
  if (!WEB) return {};
  return label ? { tabIndex: 0, role: 'region', 'aria-label': label } : { tabIndex: 0 };
}
