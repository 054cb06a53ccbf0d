// Going back when there is somewhere to go back to. A page opened directly (a shared link, a bookmark, a
// reload in the web build) is the only page of the stack: Taro's navigateBack then reloads it (history.go(0)),
// so a "back" button goes to a page of its own instead.
import Taro from '@tarojs/taro';
import { ROUTES } from './routes';

/** There is a page under this one to go back to. */
export function canGoBack(): boolean {
  return Taro.getCurrentPages().length > 1;
}

/** Back one page, or to `url` when there is none (the home page unless told). */
export function backOr(url: string = ROUTES.home): void {
  if (canGoBack()) void Taro.navigateBack();
  else void Taro.reLaunch({ url });
}

/** To the home page, starting the stack afresh. */
export function goHome(): void {
  void Taro.reLaunch({ url: ROUTES.home });
}
