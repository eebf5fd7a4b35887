import { describe, expect, it } from 'vitest';
import { detectFileType } from './file-types.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('detectFileType', () => {
  it('accepts files whose content matches the extension', () => {
    expect(detectFileType('契約書.pdf', bytes('%PDF-1.7 ...'))).toEqual({ contentType: 'application/pdf' });
    expect(detectFileType('SLA.XLSX', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]))).toEqual({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(detectFileType('memo.txt', bytes('確認済み'))).toEqual({ contentType: 'text/plain' });
  });
  it('refuses unknown extensions, renamed files and markup', () => {
    expect(detectFileType('tool.exe', bytes('MZ'))).toHaveProperty('problem');
    expect(detectFileType('report.pdf', bytes('MZ\u0090\u0000'))).toEqual({ problem: 'ファイルの中身が拡張子と一致しません', problemEn: 'The content of the file does not match its extension' });
    expect(detectFileType('page.txt', bytes('  <!DOCTYPE html><script>alert(1)</script>'))).toHaveProperty('problem');
    expect(detectFileType('noext', bytes('x'))).toHaveProperty('problem');
  });
});
