/**
 * Ports of the phone-network section of `npm run bench` (scripts/bench/phone-network-call.ts):
 * its own local console, apart from the one of the other sections (BENCH_* in
 * scripts/test-ports.ts), from the e2e suite's (E2E_*) and from `npm start`'s (8000 / 8080 /
 * 5060). The console's run folder is .run/kamailio-<PHONE_NETWORK_BENCH_NAME>/ (Kamailio's and
 * rtpengine's logs and pid files).
 */
export const PHONE_NETWORK_BENCH_WEB_PORT = 32100;
export const PHONE_NETWORK_BENCH_SIP_WS_PORT = 32180;
export const PHONE_NETWORK_BENCH_SIP_UDP_PORT = 32160;
export const PHONE_NETWORK_BENCH_NAME = 'bench-phone-network';
