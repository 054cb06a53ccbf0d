// How a session reads in the lists and pages: kind, place, seats, the family's status.
import {
  REGISTRATION_STATUS_LABELS,
  SESSION_KIND_LABELS,
  SESSION_MODE_LABELS,
  SESSION_STATUS_LABELS,
  type SessionKind,
} from '@shared/sessions';

export function kindLabel(kind: SessionKind): string {
  return SESSION_KIND_LABELS[kind] ?? kind;
}

export function placeText(s: { mode: 'OFFLINE' | 'ONLINE'; venue: string | null }): string {
  if (s.mode === 'ONLINE') return s.venue ? `线上直播 · ${s.venue}` : '线上直播';
  return s.venue ?? SESSION_MODE_LABELS.OFFLINE;
}

/** 已报名 12 户 / 名额 30 户 · 排队 2 户 */
export function seatsText(s: { confirmed: number; capacity: number; waitlisted: number }): string {
  const base = `已报名 ${s.confirmed} 户 / 名额 ${s.capacity} 户`;
  return s.waitlisted > 0 ? `${base} · 候补 ${s.waitlisted} 户` : base;
}

export function registrationLabel(status: 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED'): string {
  return REGISTRATION_STATUS_LABELS[status];
}

export function sessionStatusLabel(status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'): string {
  return SESSION_STATUS_LABELS[status];
}

export function isFull(s: { confirmed: number; capacity: number }): boolean {
  return s.confirmed >= s.capacity;
}
