import { startFakeWechat, type FakeWechatServer } from '../../server/wechat/fake-wechat-server';
import { WechatClient } from '../../server/wechat/wechat-client';

let fake: FakeWechatServer;
beforeAll(async () => {
  fake = await startFakeWechat(0, { enforceQuota: true });
});
afterAll(() => fake.close());

const client = () => new WechatClient({ apiBase: fake.url, appId: 'wx-demo-appid', secret: 'demo-secret' });

describe('WechatClient against the WeChat stand-in', () => {
  it('code2Session gives the openid only', async () => {
    const result = await client().code2Session('abc');
    expect(result).toEqual({ openid: 'openid-abc', unionid: undefined });
  });

  it('a wrong appsecret is a service error, not a login for someone', async () => {
    const wrong = new WechatClient({ apiBase: fake.url, appId: 'wx-demo-appid', secret: 'nope' });
    await expect(wrong.code2Session('abc')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('an unreachable WeChat API is a 503-class error in Chinese', async () => {
    const down = new WechatClient({ apiBase: 'http://127.0.0.1:9', appId: 'a', secret: 'b', timeoutMs: 500 });
    await expect(down.code2Session('abc')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: '微信服务暂时无法访问，请稍后再试',
    });
  });

  it('sends a subscribe message only while the user has quota, and the stand-in records it', async () => {
    const c = client();
    const message = {
      touser: 'openid-q',
      template_id: 'tpl-reminder',
      page: 'pages/home/index',
      data: { thing1: { value: '家长课堂' } },
    };
    expect((await c.sendSubscribeMessage(message)).errcode).toBe(43101);
    await fetch(`${fake.url}/__fake/quota`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'openid-q', template_id: 'tpl-reminder', count: 1 }),
    });
    expect((await c.sendSubscribeMessage(message)).errcode).toBe(0);
    expect((await c.sendSubscribeMessage(message)).errcode).toBe(43101);
    const sent = await (await fetch(`${fake.url}/__fake/sent`)).json();
    expect(sent).toEqual([
      expect.objectContaining({
        touser: 'openid-q',
        template_id: 'tpl-reminder',
        data: { thing1: { value: '家长课堂' } },
      }),
    ]);
  });
});
