// The shipped catalogues load and hold together (mappings resolve, the counts the domain expects), and
// a bad catalogue stops the start with an error naming the file and the entry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueItems, parseItemUrn } from '../../shared/catalogue.ts';
import { DEFAULT_CATALOGUE_DIR, loadCatalogues, loadQuestionnaires, loadReferenceCatalogues } from './load.ts';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of catalogs/ in which one file is replaced (or edited) before loading. */
function copyWith(relative: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-catalogs-'));
  scratch.push(dir);
  fs.cpSync(DEFAULT_CATALOGUE_DIR, dir, { recursive: true });
  const file = path.join(dir, relative);
  fs.writeFileSync(file, edit(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''));
  return dir;
}

describe('shipped catalogues', () => {
  const catalogues = loadCatalogues();
  const byUrn = new Map(catalogues.questionnaires.map((q) => [q.data.catalogue, q.data]));
  const items = (urn: string) => catalogueItems(byUrn.get(urn)!);

  it('loads every questionnaire and reference file with its sha256', () => {
    expect(catalogues.questionnaires.map((q) => q.file)).toEqual(['cloud-guideline.yaml', 'cloud-risks.yaml', 'confirmation-items.yaml', 'contractor-checklist.yaml', 'jisq27017.yaml']);
    for (const q of catalogues.questionnaires) expect(q.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogues.reference.failurePatterns.data.patterns).toHaveLength(9);
    expect(catalogues.reference.failurePatterns.data.countermeasures.filter((c) => c.table)).toHaveLength(6);
    expect(catalogues.reference.failurePatterns.data.components).toHaveLength(8);
    expect(catalogues.reference.disposalMethods.data.classes).toHaveLength(3);
    expect(catalogues.reference.disposalMethods.data.methods.find((m) => m.id.endsWith(':cryptographic-erase'))?.cloud_suitable).toBe(true);
    expect(catalogues.reference.responsibilityLayers.data.roles.map((r) => r.id)).toContain('urn:daicho:responsibility-role:first-triage');
  });

  it('has the 12 confirmation items, 10 risks and the 44 JIS Q 27017 controls (7 cloud-only), the latter not assessable', () => {
    expect(items('urn:daicho:catalogue:confirmation-items')).toHaveLength(12);
    expect(items('urn:daicho:catalogue:cloud-risks')).toHaveLength(10);
    const controls = items('urn:daicho:catalogue:jisq27017');
    expect(controls).toHaveLength(44);
    expect(controls.filter((c) => c.key.startsWith('CLD.')).map((c) => c.key)).toEqual(['CLD.6.3.1', 'CLD.8.1.5', 'CLD.9.5.1', 'CLD.9.5.2', 'CLD.12.1.5', 'CLD.12.4.5', 'CLD.13.1.4']);
    expect(byUrn.get('urn:daicho:catalogue:jisq27017')!.assessable).toBe(false);
    const guideline = byUrn.get('urn:daicho:catalogue:cloud-guideline')!;
    expect(guideline.categories.slice(0, 8).map((c) => c.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const checklist = items('urn:daicho:catalogue:contractor-checklist').map((i) => i.name.en);
    expect(checklist).toEqual(expect.arrayContaining(['No production data in tests', 'Control of data carried out']));
  });

  it('maps every confirmation item to at least one JIS Q 27017 control, and most to the guideline or a risk', () => {
    const confirmation = items('urn:daicho:catalogue:confirmation-items');
    for (const item of confirmation) {
      const targets = (item.refs ?? []).map((r) => parseItemUrn(r)!.catalogue);
      expect(targets, item.key).toContain('urn:daicho:catalogue:jisq27017');
    }
    const wider = confirmation.filter((i) => (i.refs ?? []).some((r) => /cloud-guideline|cloud-risks/.test(r)));
    expect(wider.length).toBeGreaterThanOrEqual(10);
  });
});

describe('a bad catalogue stops the start, naming the file and the entry', () => {
  it('a mapping to an item that does not exist', () => {
    const dir = copyWith('questionnaires/cloud-risks.yaml', (text) => text.replace('urn:daicho:catalogue:jisq27017:item:14.1.1', 'urn:daicho:catalogue:jisq27017:item:99.9.9'));
    expect(() => loadQuestionnaires(path.join(dir, 'questionnaires'))).toThrow(/^catalogue cloud-risks\.yaml: entry categories\.0\.items\.1\.refs\.0: urn:daicho:catalogue:jisq27017:item:99\.9\.9 names no item/);
  });

  it('a duplicate item key', () => {
    const dir = copyWith('questionnaires/confirmation-items.yaml', (text) => text.replace("key: '1-2'", "key: '1-1'"));
    expect(() => loadCatalogues(dir)).toThrow(/^catalogue confirmation-items\.yaml: entry categories\.0\.items\.1\.key: .*1-1/);
  });

  it('an unknown key, a missing name and a bad answer type', () => {
    expect(() => loadCatalogues(copyWith('questionnaires/cloud-risks.yaml', (text) => text.replace('kind: questionnaire', 'kind: questionnaire\ncolour: red')))).toThrow(/cloud-risks\.yaml: entry \(root\)|cloud-risks\.yaml: entry colour/);
    expect(() => loadCatalogues(copyWith('questionnaires/cloud-risks.yaml', (text) => text.replace('answer: { type: text }', 'answer: { type: essay }')))).toThrow(/cloud-risks\.yaml: entry categories\.0\.items\.1\.answer/);
  });

  it('two files with one URN', () => {
    const dir = copyWith('questionnaires/copy.yaml', () => fs.readFileSync(path.join(DEFAULT_CATALOGUE_DIR, 'questionnaires/cloud-risks.yaml'), 'utf8'));
    expect(() => loadCatalogues(dir)).toThrow(/urn:daicho:catalogue:cloud-risks is also the id of/);
  });

  it('YAML aliases', () => {
    const dir = copyWith('questionnaires/cloud-risks.yaml', (text) => text.replace('name: { ja: 共同利用', 'name: &n { ja: 共同利用').replace('name: { ja: カスタマイズしない', 'name: *n\n        x: { ja: カスタマイズしない'));
    expect(() => loadCatalogues(dir)).toThrow(/cloud-risks\.yaml/);
  });

  it('a reference catalogue whose pattern names no countermeasure, or repeats an id', () => {
    const bad = copyWith('reference/failure-patterns.yaml', (text) => text.replace('countermeasures: [urn:daicho:countermeasure:spare-devices]', 'countermeasures: [urn:daicho:countermeasure:prayer]'));
    expect(() => loadReferenceCatalogues(path.join(bad, 'reference'))).toThrow(/^catalogue failure-patterns\.yaml: entry patterns\.5\.countermeasures\.0: urn:daicho:countermeasure:prayer names no main \(table\) countermeasure/);
    const duplicate = copyWith('reference/disposal-methods.yaml', (text) => text.replace('id: urn:daicho:disposal-method:block-erase', 'id: urn:daicho:disposal-method:full-overwrite'));
    expect(() => loadReferenceCatalogues(path.join(duplicate, 'reference'))).toThrow(/^catalogue disposal-methods\.yaml: entry methods\.3\.id: duplicate id/);
    const layer = copyWith('reference/responsibility-layers.yaml', (text) => text.replace('typical_party: urn:daicho:responsibility-party:municipality', 'typical_party: urn:daicho:responsibility-party:nobody'));
    expect(() => loadReferenceCatalogues(path.join(layer, 'reference'))).toThrow(/responsibility-layers\.yaml: entry layers\.10\.typical_party\.0/);
    const unknown = copyWith('reference/disposal-methods.yaml', (text) => text.replace('cloud_suitable: true', 'cloud_suitable: true\n    colour: red'));
    expect(() => loadReferenceCatalogues(path.join(unknown, 'reference'))).toThrow(/disposal-methods\.yaml: entry methods\.4/);
  });
});
