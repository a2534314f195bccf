/**
 * The transferring agent's side of a blind transfer, for the console's tests (browser code): a
 * REFER on an answered call, with the NOTIFYs that say how the transferred call went.
 */
import { UserAgent, type Session } from 'sip.js';

/**
 * REFERs `session` to `sip:<user>@<domain>`; resolves with the REFER's final status (202) and
 * appends each NOTIFY's sipfrag ('SIP/2.0 200 OK', 'SIP/2.0 603 Decline'...) to `notifications`.
 */
export function blindTransfer(session: Session, user: string, domain: string, notifications: string[]): Promise<number> {
  const target = UserAgent.makeURI(`sip:${user}@${domain}`);
  if (!target) return Promise.reject(new Error(`Cannot make a SIP URI for ${user}@${domain}`));
  return new Promise((done, fail) => {
    session
      .refer(target, {
        requestDelegate: { onAccept: (response) => done(response.message.statusCode ?? 0), onReject: (response) => done(response.message.statusCode ?? 0) },
        onNotify: (notification) => {
          notifications.push(notification.request.body.trim());
          void notification.accept();
        },
      })
      .catch(fail);
  });
}
