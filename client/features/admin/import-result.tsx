// What an import answered: every row's problem in a table (nothing was written), or what it did.
import { Text, View } from '@tarojs/components';

export interface RowError {
  row: number;
  message: string;
}

/** The row errors of a refused file, as a table the clerk can work through in Excel. */
export function ImportErrors({ fileName, errors }: { fileName: string; errors: RowError[] }) {
  return (
    <View className='import-result import-result--refused' role='alert'>
      <Text className='import-result__title'>{`“${fileName}”有 ${errors.length} 处问题，整个文件没有导入。请在 Excel 中改正后重新选择文件。`}</Text>
      <table className='desk-table import-result__errors'>
        <thead>
          <tr>
            <th scope='col'>行</th>
            <th scope='col'>问题</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.row}-${i}`} data-row={e.row}>
              <td>{`第 ${e.row} 行`}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
