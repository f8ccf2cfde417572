// Copies the Be Vietnam Pro subsets the UI uses (Vietnamese, Latin, Latin Extended;
// regular, italic, semibold, bold, bold italic) from @fontsource into app/fonts/, with
// the licence and a CSS file. Run with `npm run fonts` after changing the font version;
// the copied files are committed so the app builds without npm.
import { copyFileSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = join(root, 'node_modules/@fontsource/be-vietnam-pro');
const out = join(root, 'app/fonts');
mkdirSync(out, { recursive: true });

const styles = [
  ['400', 'normal'], ['400', 'italic'], ['600', 'normal'], ['700', 'normal'], ['700', 'italic'],
];
const subsets = ['vietnamese', 'latin-ext', 'latin'];
let css = `/* Be Vietnam Pro ${JSON.parse(readFileSync(join(pkg, 'package.json'))).version}, from @fontsource/be-vietnam-pro. SIL Open Font License 1.1: see OFL.txt. */\n`;
for (const [weight, style] of styles) {
  const source = readFileSync(join(pkg, `${weight}${style === 'italic' ? '-italic' : ''}.css`), 'utf8');
  for (const subset of subsets) {
    const file = `be-vietnam-pro-${subset}-${weight}-${style}.woff2`;
    copyFileSync(join(pkg, 'files', file), join(out, file));
    const block = source.split('@font-face').find((b) => b.includes(`${subset}-${weight}-${style}.woff2`));
    const range = /unicode-range:\s*([^;]+);/.exec(block)[1];
    css += `@font-face {\n  font-family: 'Be Vietnam Pro';\n  font-style: ${style};\n  font-weight: ${weight};\n  font-display: block;\n  src: url(./${file}) format('woff2');\n  unicode-range: ${range};\n}\n`;
  }
}
writeFileSync(join(out, 'fonts.css'), css);
copyFileSync(join(pkg, 'LICENSE'), join(out, 'OFL.txt'));
console.log(`fonts copied to ${out}`);
