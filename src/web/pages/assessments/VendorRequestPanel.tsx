// Placeholder: being built for issue #4 (vendor portal). Rendered on the register entry's 確認項目 tab.
export default function VendorRequestPanel(_props: { entryId: string }) {
  return null;
}
