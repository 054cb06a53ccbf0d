import { maskAddress, maskMobile, mobileSchema, setMyMobileInput } from '../../server/shared/contacts';

describe('contact masking', () => {
  it('a mobile keeps its first three and last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('an address keeps the city and district, nothing of the street', () => {
    expect(maskAddress('哈尔滨市南岗区学府路 12 号 3 单元 501')).toBe('哈尔滨市南岗区***');
    expect(maskAddress('黑龙江省哈尔滨市道里区中央大街 8 号')).toBe('黑龙江省哈尔滨市道里区***');
    expect(maskAddress('五常市拉林镇红旗村三组')).toBe('五常市***');
    // No district in the first characters: only the first three are shown.
    expect(maskAddress('红旗村三组王家大院')).toBe('红旗村***');
    expect(maskAddress('学府路 12 号')).not.toContain('12');
  });
});

describe('mobile validation', () => {
  it('takes a mainland mobile as typed and gives its 11 digits', () => {
    expect(mobileSchema.parse(' 138 1234 5678 ')).toBe('13812345678');
    expect(mobileSchema.parse('+86-139-0000-1111')).toBe('13900001111');
  });

  it('refuses anything else with the same plain message', () => {
    for (const wrong of ['', '1381234567', '138123456789', '12812345678', '02512345678', '一三八']) {
      const r = setMyMobileInput.safeParse({ mobile: wrong });
      expect([wrong, r.success]).toEqual([wrong, false]);
      if (!r.success) expect(r.error.issues[0].message).toContain('请填写正确的手机号');
    }
    expect(setMyMobileInput.parse({ mobile: null })).toEqual({ mobile: null });
  });
});
