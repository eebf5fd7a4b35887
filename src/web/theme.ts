import type { ThemeConfig } from 'antd';

// antd's default blue (#1677ff) and secondary grey give about 4:1 contrast on white; these tokens
// keep text and controls at WCAG AA (4.5:1) or better. Fonts list Japanese faces first.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    // Hover and pressed states darken instead of lighten, so a button under the pointer keeps AA contrast.
    colorPrimaryHover: '#0842a0',
    colorPrimaryActive: '#063584',
    colorLinkHover: '#0842a0',
    colorLinkActive: '#063584',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorError: '#c41d1d',
    colorSuccess: '#237804',
    colorWarning: '#ad6800',
    // Darker seeds would otherwise derive greyish alert backgrounds; keep them pale.
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily:
      "'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'BIZ UDPGothic', Meiryo, 'IPAexGothic', 'Noto Sans JP', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontSize: 15,
  },
};
