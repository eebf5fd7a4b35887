// Placeholder: being built for issue #4.
export default function InvitationPage() {
  return null;
}
