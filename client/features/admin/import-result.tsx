// What an import answered: every row's problem in a table (nothing was written), or what it did.
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { useAction } from '../../lib/use-action';
import { saveXlsx } from '../reports/export-report';
import { XlsxUpload, type ChosenFile } from './xlsx-upload';
import { DeskTable } from './desk-table';

export interface RowError {
  row: number;
  message: string;
}

/** The row errors of a refused file, as a table the clerk can work through in Excel. */
export function ImportErrors({ fileName, errors }: { fileName: string; errors: RowError[] }) {
  return (
    <View className='import-result import-result--refused' role='alert'>
      <Text className='import-result__title'>{`“${fileName}”有 ${errors.length} 处问题，整个文件没有导入。请在 Excel 中改正后重新选择文件。`}</Text>
      <DeskTable
        headers={['行', '问题']}
        rows={errors}
        row={(e) => (
          <tr key={`${e.row}-${e.message}`} data-row={e.row}>
            <td>{`第 ${e.row} 行`}</td>
            <td>{e.message}</td>
          </tr>
        )}
      />
    </View>
  );
}

/** A file that was imported: one sentence of what changed. */
export function ImportDone({ text }: { text: string }) {
  return (
    <View className='import-result import-result--done' role='status'>
      <Text className='import-result__title'>{text}</Text>
    </View>
  );
}

/**
 * An import card: the file chooser, the template, any options (`children`), and what the import answered. One
 * shape for units, staff and rosters; `upload` sends the chosen file, `done` says what a clean import did.
 */
export function ImportCard<R extends { errors: RowError[] }>({
  className,
  title,
  hint,
  label,
  upload,
  template,
  done,
  children,
}: {
  className: string;
  title: string;
  hint: string;
  label: string;
  upload: (fileBase64: string) => Promise<R>;
  template: () => Promise<{ fileName: string; base64: string }>;
  done: (result: R, fileName: string) => string;
  children?: ReactNode;
}) {
  const { busy, error, run } = useAction();
  const [answer, setAnswer] = useState<{ fileName: string; result: R } | null>(null);
  const send = (file: ChosenFile) =>
    run(async () => {
      setAnswer(null);
      setAnswer({ fileName: file.name, result: await upload(file.base64) });
    });
  return (
    <View className={`desk-card ${className}`}>
      <Text className='desk-card__title'>{title}</Text>
      <Text className='desk-card__hint'>{hint}</Text>
      <View className='desk-card__actions'>
        <XlsxUpload label={busy ? '正在导入…' : label} disabled={busy} onFile={(f) => void send(f)} />
        <Button fill='outline' onClick={() => void run(async () => saveXlsx(await template()))}>
          下载模板
        </Button>
      </View>
      {children}
      <FormError message={error} />
      {answer ? (
        answer.result.errors.length > 0 ? (
          <ImportErrors fileName={answer.fileName} errors={answer.result.errors} />
        ) : (
          <ImportDone text={done(answer.result, answer.fileName)} />
        )
      ) : null}
    </View>
  );
}
