// `npm run wechat:fake`: run the WeChat stand-in alone (PORT, default 3901).
import { startFakeWechat } from './fake-wechat-server';

startFakeWechat(Number(process.env.PORT ?? 3901)).then((s) => console.log(`微信接口模拟服务已启动：${s.url}`));
