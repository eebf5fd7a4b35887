import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type SelectFieldProps = SelectProps & { 'aria-required'?: boolean | 'true' | 'false' };

/**
 * An antd Select for a required Form.Item, saying 「選択してください」 while empty. rc-select copies aria-* props onto its container
 * <div>, where aria-required is not allowed (axe: aria-allowed-attr); this keeps it only on the
 * combobox input, where assistive technology expects it.
 */
export function SelectField({ 'aria-required': ariaRequired, ...props }: SelectFieldProps) {
  const { t } = useTranslation();
  const ref = useRef<RefSelectProps>(null);
  useEffect(() => {
    const input = ref.current?.nativeElement?.querySelector('input');
    if (!input) return;
    if (ariaRequired === true || ariaRequired === 'true') input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  });
  // An empty choice says what to do (「選択してください」) unless the form gives its own hint.
  return <Select ref={ref} placeholder={t('common.choose')} {...props} />;
}
