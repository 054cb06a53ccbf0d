// Production entry: `node --import tsx server/index.ts` (migrations run separately: npm run db:migrate).
import { startServer } from './main';

startServer().then(
  (s) => {
    const stop = () => s.stop().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (err: Error) => {
    console.error(`服务启动失败：${err.message}`);
    process.exit(1);
  },
);
