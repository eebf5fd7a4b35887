// Placeholder: being built for issue #4.
export default function VendorAnswersPage() {
  return null;
}
