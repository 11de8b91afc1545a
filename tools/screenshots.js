// Retakes the README's screenshots (docs/screenshots/) from dist/ in headless Chromium:
//   node tools/screenshots.js [dist-dir]        (playwright-core from `npm ci`; NODE_OPTIONS must not disable fetch)
// Each view is a URL hash and a browser setting (size, devicePixelRatio, colour scheme, language); the page is shot
// once its Chinese font (when the view is Chinese) is drawn and a few frames have settled.
'use strict';
const fs = require('fs');
const path = require('path');
const { serve, launch } = require('../tests/harness/browser');

const root = path.resolve(__dirname, '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const outDir = path.join(root, 'docs', 'screenshots');
const main = '#model=llama-3.1-70b&seq=32768&concurrency=8&weights=fp8&kv=fp8&gpus=2&tp=2&gpu=h100-sxm';
const views = [
  { file: 'app-1280x800-dpr1.png', hash: main, width: 1280, height: 800, dpr: 1, scheme: 'dark', locale: 'en-US' },
  { file: 'app-1280x800-dpr2.png', hash: main, width: 1280, height: 800, dpr: 2, scheme: 'dark', locale: 'en-US' },
  { file: 'app-dark-1280x800.png', hash: '#model=qwen3-30b-a3b&seq=16384&weights=q4_k_m', width: 1280, height: 800, dpr: 1, scheme: 'dark', locale: 'en-US' },
  { file: 'app-light-1280x800.png', hash: main, width: 1280, height: 800, dpr: 1, scheme: 'light', locale: 'en-US' },
  { file: 'app-zh-1280x800.png', hash: main, width: 1280, height: 800, dpr: 1, scheme: 'dark', locale: 'zh-CN' },
  { file: 'app-zh-420x800-narrow.png', hash: main, width: 420, height: 800, dpr: 2, scheme: 'light', locale: 'zh-CN' },
  { file: 'app-420x800-narrow.png', hash: main, width: 420, height: 800, dpr: 2, scheme: 'dark', locale: 'en-US' },
  { file: 'app-zh-390x844-phone.png', hash: main, width: 390, height: 844, dpr: 3, scheme: 'dark', locale: 'zh-CN' },
  { file: 'app-training-1280x800.png', hash: '#model=llama-3.1-8b&task=training&finetune=lora&seq=8192&batch=4&gpus=8&gpu=a100-80g', width: 1280, height: 800, dpr: 1, scheme: 'dark', locale: 'en-US' },
];

(async () => {
  const server = await serve(dist);
  fs.mkdirSync(outDir, { recursive: true });
  try {
    for (const v of views) {
      const b = await launch({ viewport: { width: v.width, height: v.height }, deviceScaleFactor: v.dpr,
        colorScheme: v.scheme, locale: v.locale });
      try {
        const page = await b.context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`${server.origin}/index.html${v.hash}`);
        await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: 30000 });
        const lang = v.locale.startsWith('zh') ? 'zh-CN' : 'en';
        await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 30000 });
        const f0 = await page.evaluate(() => window.llmcalcApp.frames);
        await page.waitForFunction((n) => window.llmcalcApp.frames >= n, f0 + 3, { timeout: 30000 });
        await page.mouse.move(v.width - 2, v.height - 2);  // no hover highlight
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(outDir, v.file) });
        const report = await page.evaluate(() => window.llmcalcApp.report());
        if (report.errors || errors.length) throw new Error(`${v.file}: ${JSON.stringify(report.errors || errors)}`);
        console.log(`${v.file}: ${v.width}x${v.height} dpr ${v.dpr} ${v.scheme} ${v.locale} ${v.hash}`);
      } finally {
        await b.close();
      }
    }
  } finally {
    await server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
