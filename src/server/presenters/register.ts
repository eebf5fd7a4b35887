import type { StandardisedBusiness } from '../../shared/parties.ts';
import type { Catalogues } from '../catalogs/load.ts';
import type { EntryWithNames } from '../repositories/register-entries.ts';
import type { VendorRow } from '../repositories/vendors.ts';
import { toBool } from '../repositories/executor.ts';
import { presentClassification } from '../services/register-classification.ts';
import type { ContractForm, DataLocation, EntryStatus, NetworkZone, ServiceModel } from '../../shared/register.ts';

const num = (value: number | string | null) => (value === null ? null : Number(value));

export function presentEntry(catalogues: Catalogues, row: EntryWithNames) {
  return {
    id: row.id,
    external_key: row.external_key,
    name: row.name,
    vendor: row.vendor_id ? { id: row.vendor_id, name: row.vendor_name ?? '', corporate_number: row.vendor_corporate_number } : null,
    vendor_service: row.vendor_service_id
      ? { id: row.vendor_service_id, name: row.vendor_service_name ?? '', vendor_organisation_id: row.vendor_service_organisation_id ?? '', vendor_name: row.vendor_service_vendor_name ?? '' }
      : null,
    service_model: row.service_model as ServiceModel,
    category: { id: row.category_id, name: row.category_name, name_en: row.category_name_en },
    department: row.department,
    business_purpose: row.business_purpose,
    users_description: row.users_description,
    network_zone: row.network_zone as NetworkZone,
    data_location: row.data_location as DataLocation,
    data_region: row.data_region,
    status: row.status as EntryStatus,
    contract_form: row.contract_form as ContractForm,
    contract_start: row.contract_start,
    contract_end: row.contract_end,
    notice_period_days: num(row.notice_period_days),
    auto_renewal: toBool(row.auto_renewal),
    standardised_business: (row.standardised_business ?? null) as StandardisedBusiness | null,
    government_cloud: toBool(row.government_cloud),
    annual_cost: num(row.annual_cost),
    contract_number: row.contract_number,
    data_kinds: JSON.parse(row.data_kinds) as string[],
    residents_held: num(row.residents_held),
    related_services: row.related_services,
    notes: row.notes,
    classification: presentClassification(catalogues, row),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentVendor(row: VendorRow & { entry_count?: number | string | null }) {
  return {
    id: row.id,
    name: row.name,
    corporate_number: row.corporate_number,
    address: row.address,
    contact_name: row.contact_name,
    contact_email: row.contact_email,
    contact_phone: row.contact_phone,
    certifications: row.certifications,
    notes: row.notes,
    entry_count: Number(row.entry_count ?? 0),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
