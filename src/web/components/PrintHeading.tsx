import { japanDateBothCalendars } from '../../domain/japan-time.ts';
import { usePrintText } from './print-text.ts';

/**
 * What every printed page carries above its own title (print.css shows it on paper only): the
 * organisation and the day in Japan, in the Japanese era and the Western calendar.
 */
export function PrintHeading({ organisation }: { organisation: string }) {
  const { text, lang } = usePrintText();
  return (
    <div className="print-heading" data-testid="print-heading">
      <span className="print-heading-organisation">{organisation}</span>
      <span>{`${text.printedOn}${lang === 'en' ? ': ' : '　'}${japanDateBothCalendars(new Date(), lang)}`}</span>
    </div>
  );
}

