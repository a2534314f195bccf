/**
 * force-app's Apex checked without an org (issue 12 item 3: ContactPadCallbackQueue is where the
 * callback queuing rules hold in a real deployment, and no org can compile it from here): every
 * class parses with the Apex grammar, and apex-ls finds no unknown type, SObject field (inline
 * SOQL included) or method signature against the objects and fields force-app ships and the
 * standard ones. A class broken on purpose, checked in the same run beside force-app, shows the
 * check does catch each kind of fault.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readApex } from './apex-source.ts';
import { checkApex, describeFinding, type ApexCheck } from './check-apex.ts';

/** Four faults an org would refuse to compile, one a line (lines 4 to 7). */
const BROKEN_CLASS = `public class ContactPadBrokenOnPurpose {
    static void broken() {
        ContactPad_Callback_Request__c request = new ContactPad_Callback_Request__c(Status__c = 'Waiting');
        request.Requested_On__c = Datetime.now();
        CallbackQueueThatIsNot queue = null;
        Boolean blank = String.isBlank(request.Number__c, 10);
        List<ContactPad_Callback_Request__c> rows = [SELECT Id, Queued_At__c FROM ContactPad_Callback_Request__c WHERE Status__c = 'Waiting'];
    }
}
`;

let check: ApexCheck;

const findingsIn = (prefix: string) => check.findings.filter((finding) => finding.file.startsWith(prefix));

describe('Apex in force-app, checked offline', () => {
  before(async () => {
    check = await checkApex('force-app', { ContactPadBrokenOnPurpose: BROKEN_CLASS });
  });

  it('reads every class of force-app, the callback queue and its test among them', () => {
    for (const name of ['ContactPadCallbackQueue', 'ContactPadCallbackQueueTest', 'ContactPadSipCredential', 'ContactPadSipCredentialTest']) {
      assert.ok(check.files.includes(`force-app/main/default/classes/${name}.cls`), `${name}.cls among ${check.files.join(', ')}`);
    }
  });

  it('every class parses: no syntax error', () => {
    assert.deepEqual(findingsIn('force-app/').filter((finding) => finding.category === 'Syntax').map(describeFinding), []);
  });

  it('no unknown type, SObject field (inline SOQL included) or method signature in any class', () => {
    assert.deepEqual(findingsIn('force-app/').filter((finding) => finding.category !== 'Syntax').map(describeFinding), []);
  });

  it('names each fault of a class broken on purpose at its line: unknown field, unknown type, wrong method signature, unknown SOQL field', () => {
    const found = findingsIn('extra/ContactPadBrokenOnPurpose.cls').map((finding) => `${finding.line} ${finding.message}`);
    const expected = [
      /^4 Unknown field 'Requested_On__c' on SObject 'Schema\.ContactPad_Callback_Request__c'/,
      /^5 No type declaration found for 'CallbackQueueThatIsNot'/,
      /^6 No matching method found for 'isBlank' on 'System\.String' taking arguments 'System\.String, System\.Integer'/,
      /^7 SOQL on ContactPad_Callback_Request__c: Unknown field 'Queued_At__c'/,
    ];
    for (const pattern of expected) assert.ok(found.some((line) => pattern.test(line)), `${pattern} among:\n${found.join('\n')}`);
    assert.equal(found.length, expected.length, found.join('\n'));
  });

  it('names the line of a syntax error (an assignment with nothing to assign)', () => {
    const { syntaxErrors } = readApex('public class Broken {\n    static Integer one() {\n        Integer one = ;\n        return one;\n    }\n}\n');
    assert.equal(syntaxErrors.length, 1, JSON.stringify(syntaxErrors));
    assert.equal(syntaxErrors[0]?.line, 3);
  });
});
