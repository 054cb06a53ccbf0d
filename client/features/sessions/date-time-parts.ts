// The date and time field's value, "2026-12-05 19:00", as its two parts (both builds' DateTimeField).
export interface DateTimeFieldProps {
  label: string;
  name: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
}

/** "2026-12-05 19:00" → the date and the time as typed so far (either may be missing). */
export function dateTimeParts(value: string): { date: string | null; time: string | null } {
  const m = /^(\d{4}-\d{2}-\d{2})?\s*(\d{1,2}:\d{2})?$/.exec(value.trim());
  return { date: m?.[1] ?? null, time: m?.[2] ? m[2].padStart(5, '0') : null };
}
