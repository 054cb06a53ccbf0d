// Must be the first import of app.ts: zod 4 decides at schema-definition time whether to compile
// validators with `new Function`, which WeChat forbids. `jitless` keeps it on the interpreter.
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

z.config({ jitless: true });
// Default messages in Chinese for any schema that does not bring its own.
z.config(zhCN());

export { z };
