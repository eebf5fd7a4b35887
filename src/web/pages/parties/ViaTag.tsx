import { Tag } from 'antd';
import { useDepsText } from './deps-text.ts';

/**
 * 「<service>経由」 beside an incident participant reached through a dependency: the service it came
 * through (everyone sees it), and for the body itself the entry of its own it came through.
 */
export function ViaTag({ via }: { via: { via_service: { name: string } | null; via_entry: { name: string } | null } }) {
  const { text: t, fill } = useDepsText();
  if (!via.via_service && !via.via_entry) return null;
  return (
    <>
      {via.via_service && <Tag color="purple">{fill(t.via.service, { name: via.via_service.name })}</Tag>}
      {via.via_entry && <Tag color="purple">{fill(t.via.entry, { name: via.via_entry.name })}</Tag>}
    </>
  );
}
