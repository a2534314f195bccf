// A web-test-runner plugin that, for the test run, starts what the tests talk to:
// Kamailio (the real SIP server) and the fake org (served by the test server itself,
// under /services/data/, from the same msw handlers as the local console).
// Filled in by the SIP server and fake org work; until then it starts nothing.
export function testServicesPlugin() {
  return { name: 'contactpad-test-services' };
}
