import type { ContractTerms } from '../../../domain/sla/results.ts';
import type { CreditBand } from '../../../domain/sla/credits.ts';
import type { WeeklyWindow } from '../../../domain/sla/maintenance.ts';
import type { OutageCause } from '../../../domain/sla/availability.ts';
import type { SlaTermsRow } from '../../repositories/sla.ts';
import type { StartBasis } from '../../../shared/sla.ts';
import { japaneseHolidays } from './holidays.ts';

const HOLIDAYS = japaneseHolidays(1970, 2100);

export function weekdaysOf(row: Pick<SlaTermsRow, 'weekdays'>): number[] {
  return row.weekdays ? row.weekdays.split(',').map(Number) : [];
}

export function creditTableOf(row: Pick<SlaTermsRow, 'credit_table'>): CreditBand[] {
  return (JSON.parse(row.credit_table) as { from: number; to: number; credit_percent: number }[]).map((b) => ({ from: b.from, to: b.to, creditPercent: b.credit_percent }));
}

export function maintenanceOf(row: Pick<SlaTermsRow, 'maintenance_windows'>): WeeklyWindow[] {
  return (JSON.parse(row.maintenance_windows) as { weekday: number; start_minute: number; end_minute: number }[]).map((w) => ({ weekday: w.weekday, startMinute: w.start_minute, endMinute: w.end_minute }));
}

/** The contract as the SLA arithmetic reads it, from a stored terms row. */
export function contractTermsOf(row: SlaTermsRow): ContractTerms {
  return {
    rules: {
      calendar:
        row.calendar_kind === 'office'
          ? { kind: 'office', weekdays: weekdaysOf(row), startMinute: row.start_minute, endMinute: row.end_minute, holidays: row.exclude_holidays ? HOLIDAYS : new Set() }
          : { kind: 'always' },
      minimumOutageMinutes: row.minimum_outage_minutes,
      truncateUnitMinutes: row.truncate_unit_minutes,
      startBasis: row.start_basis as StartBasis,
      excludedCauses: JSON.parse(row.excluded_causes) as OutageCause[],
    },
    weeklyMaintenance: maintenanceOf(row),
    availabilityTarget: row.availability_target === null ? null : Number(row.availability_target),
    mttrTargetMinutes: row.mttr_target_minutes,
    creditTable: creditTableOf(row),
    monthlyFeeYen: row.monthly_fee_yen === null ? null : Number(row.monthly_fee_yen),
    calendarKey: [row.calendar_kind, row.weekdays, row.start_minute, row.end_minute, row.exclude_holidays, row.maintenance_windows].join('|'),
  };
}
