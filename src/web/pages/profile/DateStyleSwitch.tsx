import { Flex, Radio, Typography } from 'antd';
import { useDateText } from '../../components/date-text.ts';
import { formatDate, setDateStyle, useDateStyle, type DateStyle } from '../../lib/format.ts';

const SAMPLE = '2026-12-02';

/** 西暦 / 和暦 for every date the app shows in Japanese, kept on this device. */
export function DateStyleSwitch() {
  const { text, lang } = useDateText();
  const style = useDateStyle();
  return (
    <Flex vertical gap={4}>
      <div role="radiogroup" aria-label={text.style.label}>
        <Radio.Group
          optionType="button"
          size="small"
          value={style}
          onChange={(event) => setDateStyle(event.target.value as DateStyle)}
          options={(['western', 'japanese'] as const).map((value) => ({ value, label: text.style[value] }))}
        />
      </div>
      <Typography.Text type="secondary" data-testid="date-style-example">
        {lang === 'en' ? text.style.englishNote : text.style.example.replace('{{sample}}', formatDate(SAMPLE, lang, style))}
      </Typography.Text>
    </Flex>
  );
}
