import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { VisitRecordView } from '../../features/visits/visit-record-view';
import './index.scss';

export default function VisitRecordPage() {
  const { params } = useRouter();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : '';
  return (
    <PageShell className='visits-record-page'>
      {id ? <VisitRecordView visitId={id} /> : <ErrorState message='家访不存在' />}
    </PageShell>
  );
}
