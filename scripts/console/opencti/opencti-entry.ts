/**
 * Entry of the local console's `opencti_min.js` (bundled by the console server with esbuild and
 * served at /support/api/68.0/lightning/opencti_min.js). Runs synchronously when its script tag
 * runs, so code right after it finds `window.sforce.opencti`, like with Salesforce's library.
 */
import { connectOpenCtiToParent, parentOriginFromUrl } from './iframe-side.ts';

const parentOrigin = parentOriginFromUrl(location.href);
connectOpenCtiToParent(window, parentOrigin === undefined ? {} : { parentOrigin });
