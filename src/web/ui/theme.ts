import { type CSSVariablesResolver, createTheme } from '@mantine/core';

// Every colour that carries text passes WCAG AA (4.5:1): cyan 9 (#0b7285) is 5.6:1 on white where cyan 8
// (#0c8599) was 4.34:1, and helper text is gray 7 where Mantine's gray 6 "dimmed" was 3.32:1.
const CLOSE = { 'aria-label': 'Close' };

export const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: 9,
  defaultRadius: 'md',
  // The system UI font: nothing to download, and it matches the platform on phones.
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // The close buttons are bare icons: name them for screen readers. Plain objects, not Modal.extend():
    // importing the components here would pull them into every page's first load.
    Modal: { defaultProps: { closeButtonProps: CLOSE } },
    Drawer: { defaultProps: { closeButtonProps: CLOSE } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } },
    // A link inside a sentence must not be told apart by its colour alone.
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

// Mantine's shade 9 of these is under 4.5:1 as text on white or on their own light (shade 1) badges:
// darker tones of the same hue, 5:1 or more on both, for text, outline and filled uses.
const TEXT_SAFE: Record<string, string> = {
  yellow: '#8f5000',
  orange: '#a14a0b',
  lime: '#3f6b0a',
  green: '#1e6b34',
  teal: '#066a4c',
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.entries(TEXT_SAFE).flatMap(([color, tone]) =>
        ['light-color', 'outline', 'filled', 'text'].map((use) => [`--mantine-color-${color}-${use}`, tone]),
      ),
    ),
  },
  dark: {},
});
