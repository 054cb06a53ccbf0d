// The web build's sign-in forms, loaded after the privacy notice has shown: a newcomer's first screen
// is the notice, and the forms bring the validation schemas (zod) with them, which the notice does not
// need. Taro picks this file over login-panel-slot.tsx for the H5 build.
import { lazy, Suspense } from 'react';
import { LoadingState } from '../../components/loading-state';

const LoginPanel = lazy(() => import('./login-panel').then((m) => ({ default: m.LoginPanel })));

export function LoginPanelSlot(props: { demoParent?: number; staffOnly?: boolean }) {
  return (
    <Suspense fallback={<LoadingState />}>
      <LoginPanel {...props} />
    </Suspense>
  );
}
