import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { PageShell } from '../../components/page-shell';
import { SessionEditForm } from '../../features/sessions/session-edit-form';
import './index.scss';

export default function SessionEditPage() {
  const { params } = useRouter();
  // Without ?id=: a new session.
  const id = typeof params.id === 'string' && params.id ? decodeURIComponent(params.id) : undefined;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑活动' : '新建活动' });
  }, [id]);
  return (
    <PageShell className='session-edit-page'>
      <SessionEditForm sessionId={id} />
    </PageShell>
  );
}
