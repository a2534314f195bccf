// Unit and component tests, in Debian's Chromium (headless, fake media), with the
// SIP server (Kamailio) and the fake org started for the run.
import rollupCommonjs from '@rollup/plugin-commonjs';
import { fromRollup } from '@web/dev-server-rollup';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/chromium.mjs';
import { consoleCredentialMiddleware, testServicesPlugin } from './scripts/test-services.mjs';
import { fakeOrgMiddleware } from './scripts/fake-org/http.ts';
import { webTestRunnerJsforce } from './scripts/build/jsforce-browser-plugin.ts';

export default {
  // Browser tests of the console's Open CTI fake live in scripts/ as *.browser-test.ts (scripts/**/*.test.ts are Node's).
  files: ['adapter/src/**/*.test.ts', 'widget/src/**/*.test.ts', 'scripts/**/*.browser-test.ts'],
  nodeResolve: { browser: true },
  // The fake org and the console's phone credentials answer before the dev server's file
  // serving (which would 404 them).
  middleware: [fakeOrgMiddleware, consoleCredentialMiddleware],
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    }),
  ],
  plugins: [
    // webTestRunnerJsforce: `jsforce/core` as the static resource builds it (scripts/build/jsforce-browser-plugin.ts).
    webTestRunnerJsforce(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // Salesforce's scv-connector-base ships a webpack UMD build only (its package.json main): served
    // as an ES module whose default export is its module.exports, as rollup's commonjs makes it for scv.js.
    fromRollup(rollupCommonjs)({ include: ['**/node_modules/@salesforce/scv-connector-base/dist/**'], strictRequires: false }),
    testServicesPlugin(),
  ],
};
