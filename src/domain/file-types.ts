// Which uploaded files Daicho accepts as attachments and evidence: the extension and the first bytes
// must agree, so a renamed executable or HTML page is refused.

const OFFICE: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export const ACCEPTED_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'xlsx', 'docx', 'pptx', 'csv', 'txt'] as const;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The content type of an accepted file, or the reason it is refused (Japanese for the user, and its English). */
export function detectFileType(filename: string, bytes: Uint8Array): { contentType: string } | { problem: string; problemEn: string } {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extension))
    return { problem: `受け付けるファイルは ${ACCEPTED_EXTENSIONS.join(' / ')} です`, problemEn: `Accepted files are ${ACCEPTED_EXTENSIONS.join(' / ')}` };
  const mismatch = { problem: 'ファイルの中身が拡張子と一致しません', problemEn: 'The content of the file does not match its extension' };
  switch (extension) {
    case 'pdf':
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) ? { contentType: 'application/pdf' } : mismatch;
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? { contentType: 'image/png' } : mismatch;
    case 'jpg':
    case 'jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]) ? { contentType: 'image/jpeg' } : mismatch;
    case 'xlsx':
    case 'docx':
    case 'pptx':
      return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? { contentType: OFFICE[extension] } : mismatch;
    default: {
      // Text: no NUL bytes, and not markup a browser would render.
      if (bytes.includes(0)) return mismatch;
      const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
      if (head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<script') || head.startsWith('<svg')) return mismatch;
      return { contentType: extension === 'csv' ? 'text/csv' : 'text/plain' };
    }
  }
}
