import { expect } from '@open-wc/testing';
import { isTaskLinkTarget, isWhatTarget, isWhoTarget } from './task-links.ts';
import { workItemKind } from './work-item-kind.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('what a Task may link to', () => {
  it('takes a Lead or Contact as WhoId, in either id form, and nothing else', () => {
    expect(isWhoTarget('00Q000000000001')).to.equal(true);
    expect(isWhoTarget('003000000000001AAA')).to.equal(true);
    for (const id of ['001000000000001AAA', '0Mw000000000001AAA', '00q000000000001AAA', '003000000000001AA', '', undefined]) {
      expect(isWhoTarget(id), String(id)).to.equal(false);
    }
  });

  it('takes documented WhatId objects and custom objects, never a messaging session or chat transcript', () => {
    for (const id of ['001000000000001AAA', '500000000000001', '006000000000001AAA', 'a01000000000001AAA']) {
      expect(isWhatTarget(id), id).to.equal(true);
    }
    for (const id of ['0Mw000000000001AAA', '570000000000001AAA', '00Q000000000001AAA', 'a01', 'a01-00000000001', undefined]) {
      expect(isWhatTarget(id), String(id)).to.equal(false);
    }
    expect(isTaskLinkTarget('00Q000000000001AAA')).to.equal(true);
    expect(isTaskLinkTarget('570000000000001AAA')).to.equal(false);
  });
});

describe('what an Omni-Channel work item is, by its key prefix', () => {
  it('knows Cases, Messaging Sessions and legacy Chat Transcripts, and nothing from a malformed id', () => {
    expect(workItemKind('500000000000001AAA')?.objectType).to.equal('Case');
    expect(workItemKind('0Mw000000000001')?.channel).to.equal('chat');
    expect(workItemKind('570000000000001AAA')?.objectType).to.equal('LiveChatTranscript');
    expect(workItemKind('00Q000000000001AAA')).to.equal(undefined);
    expect(workItemKind('500')).to.equal(undefined);
    expect(workItemKind('0MW000000000001')).to.equal(undefined);
  });
});
