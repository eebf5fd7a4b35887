import { Alert, Form, Input, Select, Typography } from 'antd';
import { administrativeImpact, impactBand, identifiability, leakEstimateForService, proposeDistressAndLoss, type Level } from '../../../domain/impact.ts';
import { SelectField } from '../../components/SelectField.tsx';
import type { RegisterOptions } from './register-api.ts';
import { label, yen } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';

/** The levels and reasons an entry had before a change: a changed level asks for a new reason. */
export interface PreviousLevels {
  confidentiality: string;
  confidentiality_reason: string | null;
  resident_impact: number;
  resident_impact_reason: string | null;
}

/** Scheme, confidentiality, resident impact and optional overrides, with a live impact preview. */
export function ClassificationFields({ options, prefix, dataKinds, residentsHeld, previous }: { options: RegisterOptions; prefix: string[]; dataKinds: string[]; residentsHeld: number | null; previous?: PreviousLevels }) {
  const { text: t, lang } = useRegisterText();
  const form = Form.useFormInstance();
  const schemeId = Form.useWatch([...prefix, 'scheme_id'], form) as string | undefined;
  const confidentiality = Form.useWatch([...prefix, 'confidentiality'], form) as string | undefined;
  const resident = Form.useWatch([...prefix, 'resident_impact'], form) as number | undefined;
  const distressOverride = Form.useWatch([...prefix, 'mental_distress'], form) as number | undefined;
  const lossOverride = Form.useWatch([...prefix, 'economic_loss'], form) as number | undefined;
  const scheme = options.schemes.find((s) => s.id === schemeId);
  const kinds = options.data_kinds.filter((k) => dataKinds.includes(k.code)).map((k) => ({ distress: k.distress as Level, loss: k.loss as Level }));
  const proposed = proposeDistressAndLoss(kinds);
  const level = scheme?.levels.find((l) => l.code === confidentiality)?.level as Level | undefined;
  const distress = (distressOverride ?? proposed.distress) as Level;
  const loss = (lossOverride ?? proposed.loss) as Level;
  const impact = level && resident ? administrativeImpact(level, resident as Level, distress, loss) : null;
  const levelOptions = [1, 2, 3].map((v) => ({ value: v, label: String(v) }));
  // A level changed from what the entry had: its old reason no longer explains it, so a new one is asked for
  // (choosing the old level again brings the old reason back).
  const confidentialityChanged = previous !== undefined && confidentiality !== undefined && confidentiality !== previous.confidentiality;
  const residentChanged = previous !== undefined && resident !== undefined && resident !== previous.resident_impact;
  const onLevelChange = (field: 'confidentiality' | 'resident_impact', value: unknown) => {
    if (!previous) return;
    const reason = `${field}_reason` as const;
    form.setFieldValue([...prefix, reason], value === previous[field] ? (previous[reason] ?? '') : '');
  };
  const newReason = (changed: boolean) =>
    changed ? { rules: [{ required: true, whitespace: true, message: t.form.newReasonNeeded }], extra: t.form.newReasonHint } : {};
  return (
    <>
      <Form.Item name={[...prefix, 'scheme_id']} label={t.field.scheme} rules={[{ required: true }]}>
        <SelectField options={options.schemes.map((s) => ({ value: s.id, label: s.name[lang] }))} onChange={() => form.setFieldValue([...prefix, 'confidentiality'], undefined)} />
      </Form.Item>
      <Form.Item name={[...prefix, 'confidentiality']} label={t.field.confidentiality} rules={[{ required: true }]}>
        <SelectField options={scheme?.levels.map((l) => ({ value: l.code, label: l.name[lang] }))} onChange={(v) => onLevelChange('confidentiality', v)} />
      </Form.Item>
      <Form.Item name={[...prefix, 'confidentiality_reason']} label={t.field.confidentiality_reason} {...newReason(confidentialityChanged)}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name={[...prefix, 'resident_impact']} label={t.field.resident_impact} rules={[{ required: true }]}>
        <SelectField options={[3, 2, 1].map((v) => ({ value: v, label: label.residentImpact(v, lang) }))} onChange={(v) => onLevelChange('resident_impact', v)} />
      </Form.Item>
      <Form.Item name={[...prefix, 'resident_impact_reason']} label={t.field.resident_impact_reason} {...newReason(residentChanged)}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        {t.entry.proposed}: {t.field.mental_distress} {proposed.distress} / {t.field.economic_loss} {proposed.loss}
      </Typography.Paragraph>
      <Form.Item name={[...prefix, 'mental_distress']} label={`${t.field.mental_distress}（${t.entry.overridden}）`}>
        <Select allowClear placeholder={String(proposed.distress)} options={levelOptions} />
      </Form.Item>
      <Form.Item name={[...prefix, 'economic_loss']} label={`${t.field.economic_loss}（${t.entry.overridden}）`}>
        <Select allowClear placeholder={String(proposed.loss)} options={levelOptions} />
      </Form.Item>
      {(distressOverride || lossOverride) && (
        <Form.Item name={[...prefix, 'override_reason']} label={t.field.override_reason} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
      {impact !== null && (
        // What the levels give, as information (it is not a problem with the form).
        <Alert
          type="info"
          showIcon
          message={`${t.form.livePreview}: ${impact}（${t.band[impactBand(impact)]}） / ${t.field.leak_estimate}: ${yen(leakEstimateForService({ distress, loss, identifiability: identifiability(dataKinds) }, residentsHeld), lang)}`}
        />
      )}
    </>
  );
}
