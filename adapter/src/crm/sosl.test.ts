import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { buildPhoneSearch, escapeSosl } from './sosl.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('SOSL escaping and the phone search', () => {
  it('escapes every SOSL reserved character with a backslash', () => {
    const reserved = '?&|!{}[]()^~*:\\"\'+-';
    const escaped = escapeSosl(reserved);
    expect(escaped).to.equal([...reserved].map((c) => `\\${c}`).join(''));
  });

  it('leaves digits, letters and spaces alone', () => {
    expect(escapeSosl('Ann Smith 4155550100')).to.equal('Ann Smith 4155550100');
  });

  it('cannot be used to close the FIND braces and inject a clause', () => {
    const sosl = buildPhoneSearch(['1} IN ALL FIELDS RETURNING User(Id'], [{ sobject: 'Lead', fields: ['Id'] }]);
    expect(sosl).to.equal('FIND {1\\} IN ALL FIELDS RETURNING User\\(Id} IN PHONE FIELDS RETURNING Lead(Id)');
  });

  it('searches every number with OR in the phone fields of every object, with their filters', () => {
    const sosl = buildPhoneSearch(
      ['14155550100', '4155550100', '4155550100'],
      [
        { sobject: 'Lead', fields: ['Id', 'Name', 'IsConverted'], where: 'IsConverted = false' },
        { sobject: 'Contact', fields: ['Id', 'Account.Name'], limit: 50 },
      ],
    );
    expect(sosl).to.equal(
      'FIND {14155550100 OR 4155550100} IN PHONE FIELDS RETURNING Lead(Id, Name, IsConverted WHERE IsConverted = false), Contact(Id, Account.Name LIMIT 50)',
    );
  });

  it('refuses object or field names that are not API names', () => {
    const bad = [
      () => buildPhoneSearch(['4155550100'], [{ sobject: 'Lead)', fields: ['Id'] }]),
      () => buildPhoneSearch(['4155550100'], [{ sobject: 'Lead', fields: ['Id, (SELECT Id FROM User)'] }]),
      () => buildPhoneSearch(['4155550100'], [{ sobject: 'Lead', fields: [] }]),
      () => buildPhoneSearch(['4155550100'], []),
    ];
    for (const build of bad) {
      let caught: unknown;
      try {
        build();
      } catch (error) {
        caught = error;
      }
      expect(isContactPadError(caught, 'INVALID_CONFIGURATION')).to.equal(true);
    }
  });

  it('refuses to search for nothing', () => {
    expect(() => buildPhoneSearch([' ', ''], [{ sobject: 'Lead', fields: ['Id'] }])).to.throw(RangeError);
  });
});

describe('ordering the rows of one object', () => {
  it('adds ORDER BY before LIMIT, and refuses anything but a field and a direction', () => {
    expect(buildPhoneSearch(['4155550100'], [{ sobject: 'Task', fields: ['Id', 'Owner.Name'], orderBy: 'CreatedDate DESC', limit: 5 }])).to.equal(
      'FIND {4155550100} IN PHONE FIELDS RETURNING Task(Id, Owner.Name ORDER BY CreatedDate DESC LIMIT 5)',
    );
    expect(() => buildPhoneSearch(['4155550100'], [{ sobject: 'Task', fields: ['Id'], orderBy: 'CreatedDate; DELETE' }])).to.throw(/not an ORDER BY field/);
  });
});
