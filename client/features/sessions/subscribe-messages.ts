// WeChat one-time subscribe messages (活动开始提醒, 报名状态变更通知), asked for when a parent registers.
// Mini program only: the web build has no requestSubscribeMessage and skips all of this silently.
import Taro from '@tarojs/taro';
import { trpc, type RouterOutputs } from '../../lib/trpc';

type Template = RouterOutputs['notifications']['templates'][number];

let templates: Template[] | null = null;

/** Loads the template ids ahead of the tap: WeChat only shows the dialog when asked straight from a tap. */
export function prefetchSubscribeTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp' || templates) return;
  trpc.notifications.templates.query().then(
    (list) => {
      templates = list.filter((t) => t.templateId);
    },
    () => undefined,
  );
}

/**
 * Call synchronously inside the tap handler (before any await), then `await` the returned function once
 * the registration went through: it reports the accepted templates to the server (one message each).
 */
export function askForSubscriptions(keys?: readonly Template['key'][]): () => Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !templates || templates.length === 0) return async () => undefined;
  // A parent registering: the first three (reminders, changes, visits); staff name theirs (the monthly report).
  const list = (keys ? templates.filter((t) => keys.includes(t.key)) : templates).slice(0, 3);
  if (list.length === 0) return async () => undefined;
  let answer: Promise<Record<string, string>>;
  try {
    answer = Taro.requestSubscribeMessage({
      tmplIds: list.map((t) => t.templateId),
    } as Taro.requestSubscribeMessage.Option).then(
      (res) => res as unknown as Record<string, string>,
      () => ({}),
    );
  } catch {
    // An old WeChat without the API: register without reminders.
    answer = Promise.resolve({});
  }
  return async () => {
    const result = await answer;
    const accepted = list.filter((t) => result[t.templateId] === 'accept').map((t) => t.key);
    if (accepted.length === 0) return;
    try {
      await trpc.notifications.recordSubscription.mutate({ accepted });
    } catch {
      // Without the record the reminder is simply not sent; the registration itself stands.
    }
  };
}
