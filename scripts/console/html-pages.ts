/**
 * The two HTML pages the local console serves: the console itself (the stand-in for the
 * Lightning console) and the softphone host (the stand-in for force-app's ContactPad.page,
 * the Visualforce page a CallCenter's adapter URL points at).
 */
import { CONSOLE_CONFIG_ELEMENT_ID, type ConsoleConfig } from './page/console-config.ts';

/** Where the Open CTI shim is served: the path Salesforce serves opencti_min.js from. */
export const OPENCTI_PATH = '/support/api/62.0/lightning/opencti_min.js';

/** JSON that is safe inside a <script> element and inside a JS string literal in one. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The softphone host page with Open CTI only and no ContactPad (/softphone?contactpad=off): a
 * passive softphone, to try or test the console and the Open CTI shim on their own.
 */
export function bareSoftphonePageHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Open CTI only (no ContactPad)</title>
<script src="${OPENCTI_PATH}"></script>
</head>
<body style="margin:0;font-family:system-ui,sans-serif">
<p style="padding:8px">Open CTI only: ContactPad is not loaded (contactpad=off).</p>
</body>
</html>
`;
}

/**
 * The softphone host page (/softphone), shaped like ContactPad.page: Open CTI first, then
 * the bundle from the static resource, handed the session inline as `{!$Api.Session_ID}` is,
 * and the agent as `$User.Id`, `$User.ProfileId` and `$User.ContactPad_SIP_User__c` are.
 */
export function softphonePageHtml(sessionId: string, agent: { userId: string; profileId: string; sipUser: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ContactPad</title>
<script src="${OPENCTI_PATH}"></script>
</head>
<body style="margin:0">
<div id="contactpad"></div>
<script type="module">
  import { startContactPadApp } from '/resource/contactpad/main.js';
  startContactPadApp({
    mount: document.getElementById('contactpad'),
    crm: {
      instanceUrl: window.location.origin,
      accessToken: ${inlineJson(sessionId)},
      jsforceUrl: '/resource/contactpad/jsforce-core.min.js'
    },
    agent: ${inlineJson(agent)}
  });
</script>
</body>
</html>
`;
}

/** The console page (/): its layout skeleton, inline configuration and its bundled module. */
export function consolePageHtml(config: ConsoleConfig): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ContactPad local console</title>
<link rel="stylesheet" href="/console/console.css">
<script type="application/json" id="${CONSOLE_CONFIG_ELEMENT_ID}">${inlineJson(config)}</script>
<script type="module" src="/console/console-main.js"></script>
</head>
<body>
<noscript>The ContactPad local console needs JavaScript.</noscript>
</body>
</html>
`;
}
