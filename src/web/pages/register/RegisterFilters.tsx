import { Button, Flex, Input, Select } from 'antd';
import { CONTRACT_FORMS, ENTRY_STATUSES, NETWORK_ZONES, SERVICE_MODELS } from '../../../shared/register.ts';
import type { RegisterOptions } from './register-api.ts';
import { label } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';

export type FilterKey = 'q' | 'category_id' | 'status' | 'network_zone' | 'service_model' | 'impact_band' | 'department' | 'contract_form' | 'vendor_id';

/** The filter bar; every value lives in the URL so a view can be bookmarked, shared and saved. */
export function RegisterFilters({ params, options, onChange, onClear }: {
  params: URLSearchParams;
  options: RegisterOptions | undefined;
  onChange: (key: FilterKey, value: string | string[] | undefined) => void;
  onClear: () => void;
}) {
  const { text: t, lang } = useRegisterText();
  const multi = (key: FilterKey) => params.getAll(key);
  const single = (key: FilterKey) => params.get(key) ?? undefined;
  const selectStyle = { minWidth: 180 };
  const wideStyle = { minWidth: 230 };
  // A filter keeps its name beside the chosen value (「影響度: 高」), and says 「すべて」 while unset.
  const labelled = (name: string) => ({ 'aria-label': name, prefix: <span style={{ color: "rgba(0, 0, 0, 0.65)" }}>{name}:</span>, placeholder: t.list.anyValue });
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} role="search" aria-label={t.list.filters}>
      <Input.Search
        aria-label={t.list.search}
        placeholder={t.list.search}
        defaultValue={single('q')}
        key={single('q') ?? ''}
        allowClear
        enterButton={t.list.searchButton}
        onSearch={(value) => onChange('q', value.trim() || undefined)}
        style={{ width: 380 }}
      />
      <Select {...labelled(t.field.category)} mode="multiple" allowClear style={selectStyle} value={multi('category_id')}
        options={options?.categories.map((c) => ({ value: c.id, label: lang === 'en' && c.name_en ? c.name_en : c.name }))}
        onChange={(v) => onChange('category_id', v)} maxTagCount="responsive" />
      <Select {...labelled(t.field.status)} mode="multiple" allowClear style={selectStyle} value={multi('status')}
        options={ENTRY_STATUSES.map((s) => ({ value: s, label: label.status(s, lang) }))} onChange={(v) => onChange('status', v)} maxTagCount="responsive" />
      <Select {...labelled(t.field.impact_band)} allowClear style={{ minWidth: 140 }} value={single('impact_band')}
        options={(['high', 'medium', 'low'] as const).map((b) => ({ value: b, label: t.band[b] }))} onChange={(v) => onChange('impact_band', v)} />
      <Select {...labelled(t.field.network_zone)} mode="multiple" allowClear style={wideStyle} value={multi('network_zone')}
        options={NETWORK_ZONES.map((z) => ({ value: z, label: label.zone(z, lang) }))} onChange={(v) => onChange('network_zone', v)} maxTagCount="responsive" />
      <Select {...labelled(t.field.service_model)} mode="multiple" allowClear style={wideStyle} value={multi('service_model')}
        options={SERVICE_MODELS.map((m) => ({ value: m, label: label.model(m, lang) }))} onChange={(v) => onChange('service_model', v)} maxTagCount="responsive" />
      <Select {...labelled(t.field.department)} allowClear showSearch style={selectStyle} value={single('department')}
        options={options?.departments.map((d) => ({ value: d, label: d }))} onChange={(v) => onChange('department', v)} />
      <Select {...labelled(t.field.contract_form)} allowClear style={selectStyle} value={single('contract_form')}
        options={CONTRACT_FORMS.map((f) => ({ value: f, label: label.contract(f, lang) }))} onChange={(v) => onChange('contract_form', v)} />
      <Select {...labelled(t.field.vendor)} allowClear showSearch optionFilterProp="label" style={selectStyle} value={single('vendor_id')}
        options={options?.vendors.map((v) => ({ value: v.id, label: v.name }))} onChange={(v) => onChange('vendor_id', v)} />
      <Button onClick={onClear}>{t.list.clear}</Button>
    </Flex>
  );
}
