import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { useEffect, useRef } from 'react';

type SelectFieldProps = SelectProps & { 'aria-required'?: boolean | 'true' | 'false' };

/**
 * An antd Select for a required Form.Item. rc-select copies aria-* props onto its container
 * <div>, where aria-required is not allowed (axe: aria-allowed-attr); this keeps it only on the
 * combobox input, where assistive technology expects it.
 */
export function SelectField({ 'aria-required': ariaRequired, ...props }: SelectFieldProps) {
  const ref = useRef<RefSelectProps>(null);
  useEffect(() => {
    const input = ref.current?.nativeElement?.querySelector('input');
    if (!input) return;
    if (ariaRequired === true || ariaRequired === 'true') input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  });
  return <Select ref={ref} {...props} />;
}
