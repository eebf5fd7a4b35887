// Placeholder: being built for issue #4 (vendor portal). Rendered inside an assessment item's editor.
export default function VendorAnswerReview(_props: { assessmentId: string; itemKey: string; onChanged?: () => void }) {
  return null;
}
