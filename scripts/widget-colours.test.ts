/**
 * The widget's colours are declared once, in widget/src/theme.ts, as tokens taken from the
 * Lightning Design System's styling hooks (issue 11: a console theme carries through, forced
 * colors replace them). A component that writes a colour of its own (#hex, rgb(), hsl() or a
 * named colour in its styles) would ignore both: this test names it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WIDGET = fileURLToPath(new URL('../widget/src', import.meta.url));
const THEME = 'theme.ts';

/** Colour values a stylesheet could write: #rgb(a) / #rrggbb(aa), rgb[a](), hsl[a](), and common named colours. */
const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|:\s*(?:white|black|red|green|blue|orange|grey|gray)\s*;/i;

/** The CSS of each css`...` tagged template in a source file (lit's stylesheets), with the line it starts on. */
function stylesheets(source: string): Array<{ readonly line: number; readonly text: string }> {
  const found: Array<{ line: number; text: string }> = [];
  for (const match of source.matchAll(/\bcss`([^`]*)`/g)) {
    found.push({ line: source.slice(0, match.index).split('\n').length, text: match[1] ?? '' });
  }
  return found;
}

describe('the widget colours', () => {
  const components = readdirSync(WIDGET).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== THEME);

  it('come from the theme only: no component stylesheet writes a colour', () => {
    const offenders: string[] = [];
    for (const file of components) {
      for (const sheet of stylesheets(readFileSync(join(WIDGET, file), 'utf8'))) {
        sheet.text.split('\n').forEach((text, offset) => {
          if (COLOUR.test(text)) offenders.push(`widget/src/${file}:${sheet.line + offset}: ${text.trim()}`);
        });
      }
    }
    assert.deepEqual(offenders, [], 'use a --cp-* token from widget/src/theme.ts instead');
  });

  it('are SLDS styling hooks with a fallback, and forced colors replace them', () => {
    const theme = readFileSync(join(WIDGET, THEME), 'utf8');
    const tokens = [...theme.matchAll(/^\s*(--cp-[a-z-]+):\s*(.+);$/gm)];
    const declared = new Map<string, string[]>();
    for (const [, name, value] of tokens) declared.set(name as string, [...(declared.get(name as string) ?? []), value as string]);
    const colourTokens = [...declared].filter(([, values]) => values.some((value) => COLOUR.test(`: ${value};`) || /var\(--slds-g-color/.test(value)));
    assert.ok(colourTokens.length >= 10, `the theme declares its colour tokens (found ${colourTokens.length})`);
    for (const [name, values] of colourTokens) {
      const [first] = values;
      // Shadows and the scrim: forced colors drop box shadows by themselves; SLDS has no hook for a scrim.
      if (name.startsWith('--cp-shadow') || name === '--cp-backdrop') continue;
      assert.match(first ?? '', /^var\(--slds-g-[a-z0-9-]+, .+\)$/, `${name} takes its SLDS hook first, with a fallback`);
      assert.ok(values.length >= 2, `${name} has a forced-colors value`);
    }
    assert.match(theme, /@media \(forced-colors: active\)/);
  });
});
