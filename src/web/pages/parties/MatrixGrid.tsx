// The responsibility matrix as a compact grid (layers as rows, parties or party roles as columns) and
// the four fault roles below it: used by an entry's matrix and by a vendor's declared split.
import { Checkbox, Input, InputNumber, Select, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { FAULT_ROLES, RESPONSIBILITY_DUTIES, type FaultRole, type ResponsibilityDuty } from '../../../shared/parties.ts';
import type { MatrixLayer } from './matrix-api.ts';
import { DUTY_SHORT, useMatrixText } from './matrix-text.ts';

export type CellValue = { duty: ResponsibilityDuty | null; backup: boolean };
export type RoleValue = { party?: string; minutes: number | null; note: string | null };
export type GridColumn = { key: string; label: string; hint?: string };

export const cellKey = (layerId: string, column: string) => `${layerId}|${column}`;

/** Cells worth sending: a duty or a backup. */
export function filledCells(cells: Record<string, CellValue>): { key: string; layer_id: string; column: string; cell: CellValue }[] {
  return Object.entries(cells)
    .filter(([, c]) => c.duty !== null || c.backup)
    .map(([key, cell]) => {
      const at = key.lastIndexOf('|');
      return { key, layer_id: key.slice(0, at), column: key.slice(at + 1), cell };
    });
}

const EMPTY: CellValue = { duty: null, backup: false };

export function MatrixGrid({
  layers,
  columns,
  cells,
  onChange,
  disabled,
  errors,
  testId,
}: {
  layers: MatrixLayer[];
  columns: GridColumn[];
  cells: Record<string, CellValue>;
  onChange: (key: string, cell: CellValue) => void;
  disabled: boolean;
  errors: ReadonlyMap<string, string>;
  testId: string;
}) {
  const { text, lang, duty } = useMatrixText();
  const options = [{ value: '', label: text.none, title: text.none }, ...RESPONSIBILITY_DUTIES.map((d) => ({ value: d, label: DUTY_SHORT[d], title: duty(d) }))];
  const sticky = { position: 'sticky' as const, insetInlineStart: 0, background: 'var(--ant-color-bg-container, #fff)', zIndex: 1 };
  const cellStyle = { borderBottom: '1px solid #f0f0f0', padding: '4px 3px', verticalAlign: 'middle' as const };
  return (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <table data-testid={testId} style={{ borderCollapse: 'separate', borderSpacing: 0, width: '100%', fontSize: 13 }}>
        <caption style={{ captionSide: 'bottom', textAlign: 'start', fontSize: 12, paddingTop: 4, color: 'rgba(0,0,0,0.65)' }}>{text.dutyHint}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ ...cellStyle, ...sticky, textAlign: 'start', minWidth: 170 }}>{text.layer}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" style={{ ...cellStyle, textAlign: 'center', width: 104, fontSize: 12, lineHeight: 1.3 }}>
                <Tooltip title={c.hint ? `${c.label}（${c.hint}）` : c.label}>
                  <span style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', maxWidth: 104, margin: '0 auto', wordBreak: 'break-all' }}>{c.label}</span>
                </Tooltip>
                {c.hint && <span style={{ display: 'block', fontWeight: 'normal', fontSize: 11, color: 'rgba(0,0,0,0.65)', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 104, margin: '0 auto' }}>{c.hint}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layers.map((layer) => (
            <tr key={layer.id}>
              <th scope="row" style={{ ...cellStyle, ...sticky, textAlign: 'start', fontWeight: 'normal' }}>
                <Tooltip title={layer.description[lang]}>
                  <span>{layer.name[lang]}</span>
                </Tooltip>
                {layer.backup_expected && (
                  <Tooltip title={text.backupExpectedHint}>
                    <Tag color="blue" style={{ marginInlineStart: 6, fontSize: 11 }}>{text.backupExpected}</Tag>
                  </Tooltip>
                )}
              </th>
              {columns.map((c) => {
                const key = cellKey(layer.id, c.key);
                const cell = cells[key] ?? EMPTY;
                const error = errors.get(key);
                const where = `${layer.name[lang]} / ${c.label}`;
                return (
                  <td key={c.key} style={{ ...cellStyle, textAlign: 'center', whiteSpace: 'nowrap', background: error ? '#fff1f0' : undefined }}>
                    <Select
                      size="small"
                      style={{ width: 54 }}
                      value={cell.duty ?? ''}
                      options={options}
                      disabled={disabled}
                      status={error ? 'error' : undefined}
                      aria-label={where}
                      popupMatchSelectWidth={false}
                      onChange={(v: string) => onChange(key, { ...cell, duty: v ? (v as ResponsibilityDuty) : null })}
                    />
                    <Tooltip title={text.backup}>
                      <Checkbox style={{ marginInlineStart: 2 }} checked={cell.backup} disabled={disabled} aria-label={`${where}: ${text.backup}`} onChange={(e) => onChange(key, { ...cell, backup: e.target.checked })}>
                        {text.backupShort}
                      </Checkbox>
                    </Tooltip>
                    {error && (
                      <Typography.Text type="danger" style={{ display: 'block', fontSize: 11, whiteSpace: 'normal', maxWidth: 130 }}>
                        {error}
                      </Typography.Text>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FaultRolesEditor({
  columns,
  roles,
  onChange,
  disabled,
  errors,
}: {
  columns: GridColumn[];
  roles: Record<FaultRole, RoleValue>;
  onChange: (role: FaultRole, value: RoleValue) => void;
  disabled: boolean;
  errors: ReadonlyMap<string, string>;
}) {
  const { text, faultRole } = useMatrixText();
  const cellStyle = { borderBottom: '1px solid #f0f0f0', padding: '4px 6px', verticalAlign: 'top' as const };
  return (
    <table data-testid="fault-roles" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
      <thead>
        <tr>
          <th scope="col" style={{ ...cellStyle, textAlign: 'start', width: 160 }}>{text.faultRole}</th>
          <th scope="col" style={{ ...cellStyle, textAlign: 'start', width: 260 }}>{text.party}</th>
          <th scope="col" style={{ ...cellStyle, textAlign: 'start', width: 170 }}>{text.minutes}</th>
          <th scope="col" style={{ ...cellStyle, textAlign: 'start' }}>{text.note}</th>
        </tr>
      </thead>
      <tbody>
        {FAULT_ROLES.map((role) => {
          const value = roles[role];
          const error = errors.get(role);
          return (
            <tr key={role}>
              <th scope="row" style={{ ...cellStyle, textAlign: 'start', fontWeight: 'normal' }}>{faultRole(role)}</th>
              <td style={cellStyle}>
                <Select
                  size="small"
                  style={{ width: 240 }}
                  allowClear
                  placeholder={text.choose}
                  value={value.party}
                  disabled={disabled}
                  status={error ? 'error' : undefined}
                  aria-label={`${faultRole(role)}: ${text.party}`}
                  options={columns.map((c) => ({ value: c.key, label: c.label }))}
                  onChange={(v: string | undefined) => onChange(role, { ...value, party: v })}
                />
                {error && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{error}</Typography.Text>}
              </td>
              <td style={cellStyle}>
                {role === 'first_report' && (
                  <InputNumber size="small" min={1} max={10080} style={{ width: 140 }} value={value.minutes ?? undefined} disabled={disabled} aria-label={text.minutes} addonAfter={text.minutesSuffix} onChange={(v) => onChange(role, { ...value, minutes: typeof v === 'number' ? v : null })} />
                )}
              </td>
              <td style={cellStyle}>
                <Input size="small" maxLength={500} value={value.note ?? ''} disabled={disabled} aria-label={`${faultRole(role)}: ${text.note}`} onChange={(e) => onChange(role, { ...value, note: e.target.value || null })} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Where a server error points: `cells.<i>.…` to the i-th sent cell's key, `roles.<i>.…` to its role. */
function placeErrors(details: { field: string; reason: string; reason_en?: string }[], lang: 'ja' | 'en', sentCells: string[], sentRoles: FaultRole[]) {
  const cellErrors = new Map<string, string>();
  const roleErrors = new Map<string, string>();
  for (const d of details) {
    const reason = lang === 'en' ? (d.reason_en ?? d.reason) : d.reason;
    const [head, index] = d.field.split('.');
    const i = Number(index);
    if (head === 'cells' && sentCells[i]) cellErrors.set(sentCells[i], reason);
    else if (head === 'roles' && sentRoles[i]) roleErrors.set(sentRoles[i], reason);
  }
  return { cellErrors, roleErrors };
}

/**
 * The errors a save shows on its cells and fault roles: `failed` places a refusal's details (by the
 * cells and roles that were sent) and reports it; `clear` after a save that went through.
 */
export function useGridErrors() {
  const { lang } = useMatrixText();
  const { reportError } = useFormFeedback();
  const [cellErrors, setCellErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [roleErrors, setRoleErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const clear = () => {
    setCellErrors(new Map());
    setRoleErrors(new Map());
  };
  const failed = (error: unknown, sentCells: string[], sentRoles: FaultRole[]) => {
    if (error instanceof ApiError && error.code === 'validation_failed') {
      const placed = placeErrors(error.details, lang, sentCells, sentRoles);
      setCellErrors(placed.cellErrors);
      setRoleErrors(placed.roleErrors);
    }
    reportError(error);
  };
  return { cellErrors, roleErrors, clear, failed };
}
