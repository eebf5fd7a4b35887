// Placeholder: being built for issue #4.
export default function CataloguesPage() {
  return null;
}
