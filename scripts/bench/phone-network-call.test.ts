// The phone-network bench's readings of rtpengine's log (node --test), on lines rtpengine
// 10.5.3.5 (Debian) wrote for a PCMU call from baresip to ContactPad.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatewayElapsedMs, gatewayFinalStats } from './phone-network-call.ts';

const LOG = `[1796526357.980411] INFO: [5d2171f810b00f38]: [control] Replying to 'offer' from 127.0.0.1:58535 (elapsed time 0.000781 sec)
[1796526358.051223] INFO: [5d2171f810b00f38]: [control] Replying to 'answer' from 127.0.0.1:41297 (elapsed time 0.000324 sec)
[1796526368.070229] INFO: [5d2171f810b00f38]: [core] Final packet stats:
[1796526368.070233] INFO: [5d2171f810b00f38]: [core] --- Tag '3716199fc0edd219', created 0:11 ago for branch ''
[1796526368.070240] INFO: [5d2171f810b00f38]: [core] ------ Media #1 (audio over RTP/AVP) using PCMU/8000
[1796526368.070245] INFO: [5d2171f810b00f38]: [core] --------- Port       127.0.0.1:23192 <>       127.0.0.1:26386, SSRC a4a2411b, 501 p, 86172 b, 0 e, 0 ts
[1796526368.070248] INFO: [5d2171f810b00f38]: [core] --------- Port       127.0.0.1:23193 <>       127.0.0.1:26387 (RTCP), SSRC a4a2411b, 3 p, 200 b, 0 e, 0 ts
[1796526368.070253] INFO: [5d2171f810b00f38]: [core] ------ Average MOS 4.4, lowest MOS 4.4 (at 0:10), highest MOS 4.4 (at 0:10) lost:0
[1796526368.070256] INFO: [5d2171f810b00f38]: [core] --- Tag 'papaf8hk2q', created 0:11 ago for branch ''
[1796526368.070263] INFO: [5d2171f810b00f38]: [core] ------ Media #1 (audio over UDP/TLS/RTP/SAVPF) using PCMU/8000
[1796526368.070266] INFO: [5d2171f810b00f38]: [core] --------- Port       127.0.0.1:23176 <>       192.0.2.2:51178, SSRC f9c2dc5f, 504 p, 86176 b, 1 e, 0 ts
[1796526368.070402] INFO: [5d2171f810b00f38]: [control] Replying to 'delete' from 127.0.0.1:58535 (elapsed time 0.000255 sec)`.split('\n');

describe('phone-network bench: rtpengine log', () => {
  it('reads rtpengine\'s own time for each offer and answer', () => {
    assert.deepEqual(gatewayElapsedMs(LOG, 'offer').map((ms) => ms.toFixed(3)), ['0.781']);
    assert.deepEqual(gatewayElapsedMs(LOG, 'answer').map((ms) => ms.toFixed(3)), ['0.324']);
  });

  it('reads what rtpengine received on each leg, RTP and RTCP apart', () => {
    assert.deepEqual(gatewayFinalStats(LOG), [
      { transport: 'RTP/AVP', codec: 'PCMU/8000', packets: 501, bytes: 86172, rtcpPackets: 3, rtcpBytes: 200 },
      { transport: 'UDP/TLS/RTP/SAVPF', codec: 'PCMU/8000', packets: 504, bytes: 86176, rtcpPackets: 0, rtcpBytes: 0 },
    ]);
    assert.deepEqual(gatewayFinalStats([]), []);
  });
});
