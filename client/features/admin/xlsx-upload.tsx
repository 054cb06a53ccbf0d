// Choosing an Excel file on a desk computer (web build): a real file input behind a large button, read as
// base64 for the import procedures. The mini program has no import pages (desk staff use the web build).
import { Text, View } from '@tarojs/components';
import { useState, type ChangeEvent } from 'react';

/** The request body holds at most 1 MB of base64 (about 730 KB of file). */
const MAX_FILE_BYTES = 730_000;

export interface ChosenFile {
  name: string;
  base64: string;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取这个文件，请重新选择'));
    reader.readAsDataURL(file);
  });
}

/** 选择 Excel 文件: calls `onFile` with the chosen file, or shows why it cannot be used. */
export function XlsxUpload({
  label,
  disabled,
  onFile,
}: {
  label: string;
  disabled?: boolean;
  onFile: (file: ChosenFile) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    setProblem(null);
    if (!file) return;
    if (!/\.xlsx$/i.test(file.name))
      return setProblem('请选择 Excel 文件（.xlsx）；.xls 或 .csv 请先在 Excel 中另存为 .xlsx');
    if (file.size > MAX_FILE_BYTES) return setProblem('文件太大（超过 700 KB），请按年级或班级分成几个文件导入');
    try {
      onFile({ name: file.name, base64: await readBase64(file) });
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <View className='xlsx-upload'>
      <label className={`xlsx-upload__button${disabled ? ' xlsx-upload__button--disabled' : ''}`}>
        <input
          className='xlsx-upload__input'
          type='file'
          accept='.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          disabled={disabled}
          aria-label={label}
          onChange={(e) => void choose(e)}
        />
        <span>{label}</span>
      </label>
      {problem ? (
        <View className='xlsx-upload__problem' role='alert'>
          <Text>{problem}</Text>
        </View>
      ) : null}
    </View>
  );
}
