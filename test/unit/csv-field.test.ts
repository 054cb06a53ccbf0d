import { csvField } from '../../server/services/reports/export';

describe('csvField (the coverage CSV)', () => {
  it('keeps text a spreadsheet would run as a formula as plain text', () => {
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    for (const lead of ['+', '-', '@', '\t', '\r'])
      expect(csvField(`${lead}1+1`).replace(/^"/, '').startsWith(`'${lead}`)).toBe(true);
  });

  it('leaves numbers, Chinese names and the suppression mark alone', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('哈尔滨市南岗区心桥实验小学')).toBe('哈尔滨市南岗区心桥实验小学');
    expect(csvField('<5')).toBe('<5');
    expect(csvField('甲,乙')).toBe('"甲,乙"');
  });
});
