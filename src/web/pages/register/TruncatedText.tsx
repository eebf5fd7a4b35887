import { Tooltip } from 'antd';
import { useRef, useState, type CSSProperties, type ReactNode } from 'react';

const ONE_LINE: CSSProperties = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

/**
 * Text cut to its cell's width with an ellipsis; when it is cut, hovering or focusing it (a link inside
 * takes the focus) shows the full text. Screen readers read the full text either way.
 */
export function TruncatedText({ text, children }: { text: string; children?: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const show = () => {
    const element = ref.current;
    if (element && element.scrollWidth > element.clientWidth) setOpen(true);
  };
  const hide = () => setOpen(false);
  return (
    <Tooltip title={text} open={open}>
      <span ref={ref} style={ONE_LINE} onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide}>
        {children ?? text}
      </span>
    </Tooltip>
  );
}
