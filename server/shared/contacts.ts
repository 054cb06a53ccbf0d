// Contact routes to a family (issue 16): a guardian's mobile and a home visit's address. Runs on both sides.
import { z } from 'zod';
import { normalizeMobile } from './rosters';
import { idSchema } from './schemas';

/** Why the number or address is asked, said on every form that asks for it. */
export const CONTACT_PURPOSE =
  '仅用于老师家访、电话家访和学校心理健康教师跟进时联系您，加密保存，其他人只能看到部分号码';

export const MOBILE_ERROR = '请填写正确的手机号：11 位数字，以 1 开头（如 13812345678）';

/** A mainland mobile (1[3-9] and 9 more digits; spaces, dashes and +86 allowed), normalised to its 11 digits. */
export const mobileSchema = z
  .string({ error: MOBILE_ERROR })
  .trim()
  .max(20, { error: MOBILE_ERROR })
  .transform((v, ctx) => {
    const m = normalizeMobile(v);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: MOBILE_ERROR });
      return z.NEVER;
    }
    return m;
  });

export const addressSchema = z
  .string({ error: '请填写家庭住址' })
  .trim()
  .min(4, { error: '请把家庭住址写完整（如 哈尔滨市南岗区某某街 12 号）' })
  .max(200, { error: '地址不超过 200 字' });

/** 13812345678 → 138****5678. */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
}

/**
 * 哈尔滨市南岗区学府路 12 号 → 哈尔滨市南岗区***: the city and district (up to the last 区/县/市 in the
 * first 12 characters) and nothing of the street; an address without one shows its first 3 characters.
 */
export function maskAddress(address: string): string {
  const head = address.slice(0, 12);
  // Not 旗: it is also a common word in street and village names (红旗村).
  const cut = Math.max(head.lastIndexOf('区'), head.lastIndexOf('县'), head.lastIndexOf('市'));
  const keep = cut >= 1 && cut < address.length - 1 ? cut + 1 : Math.min(3, Math.max(1, address.length - 1));
  return `${address.slice(0, keep)}***`;
}

/** 我的家庭 (and the booking and sharing forms): a guardian sets or removes their own number. */
export const setMyMobileInput = z.object({ mobile: mobileSchema.nullable() });

/** The `code` of the mini program's getPhoneNumber button event, exchanged by the server. */
export const wechatPhoneInput = z.object({
  code: z
    .string({ error: '微信没有给出手机号，请直接填写' })
    .trim()
    .min(1, { error: '微信没有给出手机号，请直接填写' })
    .max(128, { error: '微信没有给出手机号，请直接填写' }),
});

export const referralContactInput = z.object({ referralId: idSchema });
export const visitContactInput = z.object({ visitId: idSchema });

/** One way to reach a family, as a list shows it (masked) or as a reveal returns it (clear). */
export type ContactLine = { label: string; mobile: string };
