import { useEffect, useState } from 'react';
import { trpc, type RouterOutputs } from '../../lib/trpc';

export type SystemInfo = RouterOutputs['system']['info'];

let cached: SystemInfo | null = null;

/** system.info (public): the app name and whether the WeChat API is the demo fake. null until loaded or on failure. */
export function useSystemInfo(): { info: SystemInfo | null; loading: boolean } {
  const [info, setInfo] = useState<SystemInfo | null>(cached);
  const [loading, setLoading] = useState(cached === null);
  useEffect(() => {
    if (cached) return;
    let alive = true;
    trpc.system.info
      .query()
      .then((result) => {
        cached = result;
        if (alive) setInfo(result);
      })
      .catch(() => undefined)
      .finally(() => {
        if (alive) setLoading(false);
      });
    return () => {
      alive = false;
    };
  }, []);
  return { info, loading };
}
