import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './form.scss';

/** A labelled form row. */
export function FormField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='form-field'>
      <Text className='form-field__label'>{label}</Text>
      <View className='form-field__control'>{children}</View>
    </View>
  );
}

/** The form's current error, in words the user can act on. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View className='form-error' role='alert'>
      <Text>{message}</Text>
    </View>
  );
}
