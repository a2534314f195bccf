({
    // Protocol version: adapter/src/host/console-bridge-protocol.ts, BRIDGE_PROTOCOL_VERSION.
    VERSION: 1,
    // Key prefixes of the records Omni-Channel routes to ContactPad. Email-to-case routes the
    // Case: ContactPad tells email from case by the Case's Origin.
    CHANNEL_BY_PREFIX: { '570': 'chat', '500': 'case' },
    counter: 0,

    /** Publishes one bridge message; replyTo when it answers a ContactPad request. */
    send: function (cmp, kind, body, replyTo) {
        this.counter += 1;
        var message = { version: this.VERSION, source: 'bridge', kind: kind, id: 'bridge-' + Date.now().toString(36) + '-' + this.counter, body: body };
        if (replyTo) message.replyTo = replyTo;
        cmp.find('bridgeChannel').publish(message);
    },

    /** One request from ContactPad: call the workspace API or the Omni-Channel toolkit, answer once. */
    handleRequest: function (cmp, message) {
        if (message.getParam('source') !== 'contactpad') return; // our own messages come back too
        var id = message.getParam('id');
        var kind = message.getParam('kind');
        var body = message.getParam('body') || {};
        if (message.getParam('version') !== this.VERSION) {
            console.warn('ContactPad bridge: ignored a request of protocol version ' + message.getParam('version'));
            return;
        }
        var self = this;
        var workspace = cmp.find('workspace');
        var omni = cmp.find('omniToolkit');
        var fail = function (error) {
            self.send(cmp, 'error', { message: self.text(error && error.message ? error.message : error, 1000) || 'failed' }, id);
        };
        switch (kind) {
            case 'hello':
                this.sendHello(cmp, id);
                return;
            case 'openTab':
                workspace.openTab({ recordId: body.recordId, focus: body.focus === true })
                    .then(function (tabId) { return self.sendTab(cmp, 'tabOpened', tabId, id); })
                    .catch(fail);
                return;
            case 'focusTab':
                workspace.focusTab({ tabId: body.tabId })
                    .then(function () { return self.sendTab(cmp, 'tabFocused', body.tabId, id); })
                    .catch(fail);
                return;
            case 'closeTab':
                workspace.closeTab({ tabId: body.tabId })
                    .then(function () { self.send(cmp, 'tabClosed', { tabId: body.tabId, recordId: self.forgetTab(cmp, body.tabId) }, id); })
                    .catch(fail);
                return;
            case 'acceptWork':
                omni.acceptAgentWork({ workId: body.workId })
                    .then(function (accepted) {
                        if (accepted === false) throw new Error('Omni-Channel did not accept the work');
                        self.send(cmp, 'workAccepted', { workId: body.workId, workItemId: self.workItemOf(cmp, body.workId) }, id);
                    })
                    .catch(function (error) {
                        self.send(cmp, 'workDeliveryFailed', { workId: body.workId, reason: self.text(error && error.message ? error.message : error) || 'Omni-Channel could not accept the work' }, id);
                    });
                return;
            case 'declineWork':
                omni.declineAgentWork({ workId: body.workId, declineReason: body.reason })
                    .then(function () { self.send(cmp, 'workDeclined', { workId: body.workId, workItemId: self.workItemOf(cmp, body.workId) }, id); })
                    .catch(fail);
                return;
            case 'closeWork':
                omni.closeAgentWork({ workId: body.workId })
                    .then(function () { self.send(cmp, 'workClosed', { workId: body.workId, workItemId: self.workItemOf(cmp, body.workId) }, id); })
                    .catch(fail);
                return;
            case 'setPresence':
                if (body.statusId === null) {
                    omni.logout()
                        .then(function () { self.send(cmp, 'presenceChanged', { statusId: null, statusName: 'Offline' }, id); })
                        .catch(fail);
                } else {
                    omni.setServicePresenceStatus({ statusId: body.statusId })
                        .then(function (result) { self.send(cmp, 'presenceChanged', { statusId: result.statusId || body.statusId, statusName: self.text(result.statusName) }, id); })
                        .catch(fail);
                }
                return;
            default:
                fail('This bridge does not know the request ' + kind);
        }
    },

    /** hello: what this console can do, its tabs, Omni-Channel works and presence. */
    sendHello: function (cmp, replyTo) {
        var self = this;
        var workspace = cmp.find('workspace');
        var omni = cmp.find('omniToolkit');
        var none = function () { return null; };
        Promise.all([
            workspace.isConsoleNavigation().catch(none),
            workspace.getAllTabInfo().catch(none),
            omni.getAgentWorks().catch(none),
            omni.getServicePresenceStatusId().catch(none)
        ]).then(function (results) {
            var tabs = [];
            (results[1] || []).forEach(function (tab) {
                tabs.push(self.tab(cmp, tab));
                (tab.subtabs || []).forEach(function (subtab) { tabs.push(self.tab(cmp, subtab)); });
            });
            var works = [];
            var agentWorks = results[2] && results[2].works ? JSON.parse(results[2].works) : [];
            agentWorks.forEach(function (w) {
                var work = self.work(cmp, w.workId, w.workItemId, w.isEngaged === true);
                if (work) works.push(work);
            });
            var status = results[3];
            self.send(cmp, 'hello', {
                capabilities: results[0] === true ? ['tabs', 'omni'] : ['omni'],
                tabs: tabs,
                works: works,
                presence: status && status.statusId ? { statusId: status.statusId, statusName: self.text(status.statusName) } : null
            }, replyTo);
            cmp.set('v.status', 'Connected');
        }).catch(function (error) {
            cmp.set('v.status', 'Error: ' + self.text(error && error.message ? error.message : error));
        });
    },

    /** Sends a tab event (tabOpened or tabFocused) with the tab's details. */
    sendTab: function (cmp, kind, tabId, replyTo) {
        var self = this;
        return cmp.find('workspace').getTabInfo({ tabId: tabId }).then(function (info) {
            self.send(cmp, kind, { tab: self.tab(cmp, info) }, replyTo);
        });
    },

    /** A workspace tabInfo as a protocol tab; remembers its record for tabClosed. */
    tab: function (cmp, info) {
        var attributes = info.pageReference && info.pageReference.attributes ? info.pageReference.attributes : {};
        var recordId = info.recordId || '';
        cmp.get('v.tabRecords')[info.tabId] = recordId;
        return { tabId: info.tabId, recordId: recordId, objectType: attributes.objectApiName || '', title: this.text(info.title), focused: info.focused === true };
    },

    forgetTab: function (cmp, tabId) {
        var records = cmp.get('v.tabRecords');
        var recordId = records[tabId] || '';
        delete records[tabId];
        return recordId;
    },

    /** An Omni-Channel work as a protocol work, or null for a record kind ContactPad does not route. */
    work: function (cmp, workId, workItemId, accepted) {
        var channel = this.CHANNEL_BY_PREFIX[String(workItemId || '').substring(0, 3)];
        if (!channel) {
            console.warn('ContactPad bridge: Omni-Channel work ' + workId + ' is not a chat, email or case; left to Omni-Channel');
            return null;
        }
        cmp.get('v.workItems')[workId] = workItemId;
        return { workId: workId, workItemId: workItemId, channel: channel, customerName: '', isAutoAccept: false, accepted: accepted };
    },

    workIds: function (cmp, event) {
        var workId = event.getParam('workId');
        return { workId: workId, workItemId: event.getParam('workItemId') || this.workItemOf(cmp, workId) };
    },

    workItemOf: function (cmp, workId) {
        return cmp.get('v.workItems')[workId] || '';
    },

    /** Text for the channel: a string no longer than the protocol allows. */
    text: function (value, max) {
        return value === undefined || value === null ? '' : String(value).substring(0, max || 255);
    }
})
