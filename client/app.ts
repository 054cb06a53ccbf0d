// zod must be configured (jitless, Chinese messages) before any other module defines a schema.
import './lib/zod-setup';
import type { PropsWithChildren } from 'react';
import { registerWeappPrivacyHandler } from './features/privacy/weapp-privacy';
import { mirrorRoleForWechat } from './lib/weapp-aria';
import './app.scss';

// WeChat's privacy-authorisation callback must be in place before any page calls a privacy-related API.
registerWeappPrivacyHandler();
// Roles reach WeChat's screen reader as aria-role.
mirrorRoleForWechat();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
