({
    // The console bridge protocol is NOT in this file. Its version, parser, event builder and
    // limits are window.ContactPadBridgeProtocol, defined by bridge-protocol.js of the contactpad
    // static resource (built from adapter/src/host/console-bridge-protocol.ts) and loaded by the
    // ltng:require of the markup; a script loaded that way shares `window` with the component's
    // namespace (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/security_share_code.htm).
    // Every request is checked with its parser and every event built with its bridgeEvent.
    //
    // Aura component code: ES5 syntax and ES6 Promises only
    // (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_supported_es.htm).
    // Every promise callback that touches the component is wrapped in $A.getCallback: it runs
    // outside the framework's lifecycle ("Use Promise resolve or reject handlers with
    // $A.getCallback()": developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_cb_mod_ext_js.htm,
    // developer.salesforce.com/docs/platform/aura-platform/guide/ref-jsapi-dollara-getcallback.html).
    // Attribute maps are copied, changed and set again, never changed in place (Lightning Web
    // Security: developer.salesforce.com/docs/platform/lightning-components-security/guide/lws-mutation-alternatives.html).
    //
    // Workspace API (lightning:workspaceAPI) and Omni-Channel toolkit (lightning:omniToolkitAPI)
    // answers as documented: developer.salesforce.com/docs/component-library/bundle/lightning:workspaceAPI,
    // developer.salesforce.com/docs/component-library/bundle/lightning:omniToolkitAPI.

    counter: 0,

    /** The shared protocol (window.ContactPadBridgeProtocol) once bridge-protocol.js has loaded; null before. */
    protocol: function () {
        return window.ContactPadBridgeProtocol || null;
    },

    /** afterScriptsLoaded: says hello (unasked) and answers the requests that came before. */
    start: function (cmp) {
        if (!this.protocol()) {
            cmp.set('v.status', 'Error: bridge-protocol.js did not define ContactPadBridgeProtocol');
            console.error('ContactPad bridge: the contactpad static resource has no bridge protocol (bridge-protocol.js); redeploy ContactPad');
            return;
        }
        cmp.set('v.status', 'Connecting');
        this.sendHello(cmp);
        var pending = cmp.get('v.pending') || [];
        cmp.set('v.pending', []);
        for (var i = 0; i < pending.length; i += 1) this.answer(cmp, pending[i]);
    },

    /** Publishes one event, built and checked by the protocol; replyTo when it answers a request. */
    send: function (cmp, kind, body, replyTo) {
        var protocol = this.protocol();
        if (!protocol) return; // events before the protocol loaded: the hello that follows carries the state
        this.counter += 1;
        var event = protocol.bridgeEvent(kind, 'bridge-' + Date.now().toString(36) + '-' + this.counter, body, replyTo);
        var checked = protocol.parseBridgeMessage(event);
        if (!checked.ok) {
            // Never publish what ContactPad would refuse; tell it why when it is waiting for an answer.
            console.warn('ContactPad bridge: did not send a ' + kind + ' event: ' + checked.reason);
            if (replyTo && kind !== 'error') {
                this.send(cmp, 'error', { message: this.text('The console bridge could not answer: ' + checked.reason, protocol.LIMITS.errorMessage) }, replyTo);
            }
            return;
        }
        cmp.find('bridgeChannel').publish(event);
    },

    /** A message on the channel (lightning:messageChannel onMessage): ContactPad's requests are answered. */
    handleRequest: function (cmp, message) {
        if (message.getParam('source') === 'bridge') return; // the channel brings our own events back
        var raw = {
            version: message.getParam('version'),
            source: message.getParam('source'),
            kind: message.getParam('kind'),
            id: message.getParam('id'),
            body: message.getParam('body')
        };
        var replyTo = message.getParam('replyTo');
        if (replyTo !== undefined && replyTo !== null) raw.replyTo = replyTo;
        if (!this.protocol()) {
            var pending = (cmp.get('v.pending') || []).slice(0, 49);
            pending.push(raw);
            cmp.set('v.pending', pending);
            return;
        }
        this.answer(cmp, raw);
    },

    /** One request: checked by the protocol's parser, then carried out; answered exactly once. */
    answer: function (cmp, raw) {
        var protocol = this.protocol();
        var parsed = protocol.parseBridgeMessage(raw);
        if (!parsed.ok) {
            // A sender of this version with a usable id hears why; anything else is ignored.
            var refusal = protocol.bridgeEvent('error', 'bridge-refusal', { message: 'refused' }, raw.id);
            if (raw.version === protocol.version && raw.source === 'contactpad' && protocol.parseBridgeMessage(refusal).ok) {
                console.warn('ContactPad bridge: refused request ' + raw.id + ': ' + parsed.reason);
                this.send(cmp, 'error', { message: this.text('Refused: ' + parsed.reason, protocol.LIMITS.errorMessage) }, raw.id);
            } else {
                console.warn('ContactPad bridge: ignored a message: ' + parsed.reason);
            }
            return;
        }
        var request = parsed.message;
        if (request.source !== 'contactpad') return;
        var self = this;
        var id = request.id;
        var body = request.body;
        var workspace = cmp.find('workspace');
        var omni = cmp.find('omniToolkit');
        switch (request.kind) {
            case 'hello':
                this.sendHello(cmp, id);
                return;
            case 'openTab':
                // Resolves to the workspace tab's id.
                workspace.openTab({ recordId: body.recordId, focus: body.focus }).then(
                    $A.getCallback(function (tabId) { self.sendTab(cmp, 'tabOpened', tabId, id); }),
                    $A.getCallback(function (error) { self.fail(cmp, error, 'The console could not open the record', id); })
                );
                return;
            case 'focusTab':
                // Resolves to true.
                workspace.focusTab({ tabId: body.tabId }).then(
                    $A.getCallback(function () { self.sendTab(cmp, 'tabFocused', body.tabId, id); }),
                    $A.getCallback(function (error) { self.fail(cmp, error, 'The console could not focus the tab', id); })
                );
                return;
            case 'closeTab':
                // Resolves to true. The record is looked up first: lightning:tabClosed may come before the answer.
                var closing = this.tabRecordOf(cmp, body.tabId);
                workspace.closeTab({ tabId: body.tabId }).then(
                    $A.getCallback(function () {
                        self.forgetTab(cmp, body.tabId);
                        self.send(cmp, 'tabClosed', { tabId: body.tabId, recordId: closing }, id);
                    }),
                    $A.getCallback(function (error) { self.fail(cmp, error, 'The console could not close the tab', id); })
                );
                return;
            case 'acceptWork':
                // Resolves to true; any other outcome is checked against Omni-Channel's own list.
                omni.acceptAgentWork({ workId: body.workId }).then(
                    $A.getCallback(function (accepted) {
                        if (accepted === true) {
                            self.send(cmp, 'workAccepted', { workId: body.workId, workItemId: self.workItemOf(cmp, body.workId) }, id);
                        } else {
                            self.confirmAccepted(cmp, body.workId, 'Omni-Channel did not accept the work', id);
                        }
                    }),
                    $A.getCallback(function (error) {
                        self.confirmAccepted(cmp, body.workId, self.reason(error, 'Omni-Channel could not accept the work'), id);
                    })
                );
                return;
            case 'declineWork':
                omni.declineAgentWork({ workId: body.workId, declineReason: body.reason }).then(
                    $A.getCallback(function (declined) {
                        if (declined === true) self.send(cmp, 'workDeclined', { workId: body.workId, workItemId: self.workItemOf(cmp, body.workId) }, id);
                        else self.fail(cmp, null, 'Omni-Channel did not decline the work', id);
                    }),
                    $A.getCallback(function (error) { self.fail(cmp, error, 'Omni-Channel could not decline the work', id); })
                );
                return;
            case 'closeWork':
                omni.closeAgentWork({ workId: body.workId }).then(
                    $A.getCallback(function (closed) {
                        if (closed === true) self.send(cmp, 'workClosed', { workId: body.workId, workItemId: self.workItemOf(cmp, body.workId) }, id);
                        else self.fail(cmp, null, 'Omni-Channel did not close the work', id);
                    }),
                    $A.getCallback(function (error) { self.fail(cmp, error, 'Omni-Channel could not close the work', id); })
                );
                return;
            case 'setPresence':
                if (body.statusId === null) {
                    omni.logout().then(
                        $A.getCallback(function () { self.sendPresence(cmp, null, 'Offline', id); }),
                        $A.getCallback(function (error) { self.fail(cmp, error, 'Omni-Channel could not log out', id); })
                    );
                    return;
                }
                cmp.set('v.presenceAsked', body.statusId);
                // Resolves to { statusId, statusName, statusApiName, channels }.
                omni.setServicePresenceStatus({ statusId: body.statusId }).then(
                    $A.getCallback(function (result) {
                        self.sendPresence(cmp, (result && result.statusId) || body.statusId, result && result.statusName, id);
                    }),
                    $A.getCallback(function (error) {
                        cmp.set('v.presenceAsked', '');
                        self.fail(cmp, error, 'Omni-Channel could not set the presence status', id);
                    })
                );
                return;
            default:
                this.fail(cmp, null, 'This bridge does not know the request ' + request.kind, id);
        }
    },

    /**
     * acceptWork is idempotent: after a refused (or false) accept, Omni-Channel's own list
     * decides. Listed and engaged (accepted on its own, or accepted twice): workAccepted.
     * Otherwise it could not be delivered.
     */
    confirmAccepted: function (cmp, workId, reason, replyTo) {
        var self = this;
        cmp.find('omniToolkit').getAgentWorks().then(
            $A.getCallback(function (result) {
                var work = self.findWork(self.agentWorks(result), workId);
                if (work && work.isEngaged === true) {
                    self.send(cmp, 'workAccepted', { workId: workId, workItemId: work.workItemId || self.workItemOf(cmp, workId) }, replyTo);
                } else {
                    self.send(cmp, 'workDeliveryFailed', { workId: workId, reason: reason }, replyTo);
                }
            }),
            $A.getCallback(function () {
                self.send(cmp, 'workDeliveryFailed', { workId: workId, reason: reason }, replyTo);
            })
        );
    },

    /** hello: what this console can do, its tabs, the agent's Omni-Channel works and presence. */
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
        ]).then($A.getCallback(function (results) {
            var limit = self.protocol().LIMITS.listItems;
            var tabs = [];
            var records = {};
            (results[1] || []).forEach(function (info) {
                [info].concat(info && info.subtabs ? info.subtabs : []).forEach(function (each) {
                    var tab = self.tabOf(each);
                    if (tab && tabs.length < limit) {
                        tabs.push(tab);
                        records[tab.tabId] = tab.recordId;
                    }
                });
            });
            cmp.set('v.tabRecords', records);
            var works = [];
            self.agentWorks(results[2]).forEach(function (w) {
                var work = self.checkedWork(w.workId, w.workItemId, w.isEngaged === true);
                if (work && works.length < limit) works.push(work);
            });
            works.forEach(function (work) { self.rememberWork(cmp, work.workId, work.workItemId); });
            var status = results[3];
            self.send(cmp, 'hello', {
                capabilities: results[0] === true ? ['tabs', 'omni'] : ['omni'],
                tabs: tabs,
                works: works,
                presence: status && status.statusId ? { statusId: status.statusId, statusName: self.text(status.statusName, self.protocol().LIMITS.text) } : null
            }, replyTo);
            cmp.set('v.status', 'Connected');
        }), $A.getCallback(function (error) {
            cmp.set('v.status', 'Error: ' + self.reason(error, 'could not read the console'));
            if (replyTo) self.fail(cmp, error, 'The console bridge could not read the console', replyTo);
        }));
    },

    /** Sends tabOpened or tabFocused with the tab's details (getTabInfo). */
    sendTab: function (cmp, kind, tabId, replyTo) {
        var self = this;
        if (!this.protocol()) return;
        if (!tabId) {
            if (replyTo) this.fail(cmp, null, 'The console named no tab', replyTo);
            return;
        }
        cmp.find('workspace').getTabInfo({ tabId: tabId }).then(
            $A.getCallback(function (info) {
                // The agent may close the tab while the console describes it: no news of it after its close.
                if (!replyTo && (cmp.get('v.closedTabs') || {})[tabId]) return;
                var tab = self.tabOf(info);
                if (tab) self.rememberTab(cmp, tab.tabId, tab.recordId);
                if (tab) self.send(cmp, kind, { tab: tab }, replyTo);
                else if (replyTo) self.fail(cmp, null, 'The console described tab ' + tabId + ' in a way the protocol refuses', replyTo);
            }),
            $A.getCallback(function (error) {
                if (replyTo) self.fail(cmp, error, 'The console could not describe tab ' + tabId, replyTo);
                else console.warn('ContactPad bridge: no details for tab ' + tabId + ': ' + self.reason(error, 'getTabInfo failed'));
            })
        );
    },

    /** lightning:tabCreated: a tab id, new or used again, is open. */
    tabCreated: function (cmp, tabId) {
        if (!tabId) return;
        var closed = this.copy(cmp.get('v.closedTabs'));
        delete closed[tabId];
        cmp.set('v.closedTabs', closed);
        this.sendTab(cmp, 'tabOpened', tabId);
    },

    /** lightning:tabClosed: the tab and the record it showed. */
    sendTabClosed: function (cmp, tabId) {
        if (!tabId) return;
        var closed = this.copy(cmp.get('v.closedTabs'));
        if (Object.keys(closed).length >= 100) closed = {};
        closed[tabId] = true;
        cmp.set('v.closedTabs', closed);
        this.send(cmp, 'tabClosed', { tabId: tabId, recordId: this.forgetTab(cmp, tabId) });
    },

    /**
     * A workspace tabInfo as a protocol tab, or null when the protocol would refuse it. The
     * record comes from tabInfo.recordId, else its pageReference (standard__recordPage attributes).
     */
    tabOf: function (info) {
        if (!info || !info.tabId) return null;
        var protocol = this.protocol();
        var attributes = info.pageReference && info.pageReference.attributes ? info.pageReference.attributes : {};
        var tab = {
            tabId: info.tabId,
            recordId: info.recordId || attributes.recordId || '',
            objectType: attributes.objectApiName || '',
            title: this.text(info.title, protocol.LIMITS.text),
            focused: info.focused === true
        };
        return protocol.parseBridgeMessage(protocol.bridgeEvent('tabOpened', 'bridge-check', { tab: tab })).ok ? tab : null;
    },

    /** An Omni-Channel work as a protocol work (every object Omni-Channel routes: ContactPad decides), remembered. */
    work: function (cmp, workId, workItemId, accepted) {
        this.rememberWork(cmp, workId, workItemId);
        return { workId: workId, workItemId: workItemId, accepted: accepted };
    },

    /** A work the protocol accepts, or null. */
    checkedWork: function (workId, workItemId, accepted) {
        var protocol = this.protocol();
        var work = { workId: workId, workItemId: workItemId, accepted: accepted };
        return protocol.parseBridgeMessage(protocol.bridgeEvent('workAssigned', 'bridge-check', { work: work })).ok ? work : null;
    },

    workIds: function (cmp, event) {
        var workId = event.getParam('workId');
        return { workId: workId, workItemId: event.getParam('workItemId') || this.workItemOf(cmp, workId) };
    },

    /**
     * getAgentWorks' works. The Console Developer Guide's sample reads `JSON.parse(result.works)`
     * while its text says the promise resolves to an array of work objects: both are read.
     */
    agentWorks: function (result) {
        if (!result) return [];
        if (Array.isArray(result)) return result;
        if (Array.isArray(result.works)) return result.works;
        if (typeof result.works === 'string') {
            try {
                var works = JSON.parse(result.works);
                return Array.isArray(works) ? works : [];
            } catch (e) {
                return [];
            }
        }
        return [];
    },

    findWork: function (works, workId) {
        for (var i = 0; i < works.length; i += 1) {
            if (works[i] && this.sameId(works[i].workId, workId)) return works[i];
        }
        return null;
    },

    /** Two Salesforce ids name the same record (15- and 18-character forms alike). */
    sameId: function (a, b) {
        return typeof a === 'string' && typeof b === 'string' && a.length >= 15 && b.length >= 15 && a.substring(0, 15) === b.substring(0, 15);
    },

    /** lightning:omniChannelStatusChanged; Omni-Channel's echo of a status ContactPad set is answered already. */
    statusChanged: function (cmp, event) {
        var statusId = event.getParam('statusId');
        var asked = cmp.get('v.presenceAsked');
        if (event.getParam('reason') === 'OmniToolkitStatusChange' && asked && this.sameId(asked, statusId)) {
            cmp.set('v.presenceAsked', '');
            return;
        }
        this.sendPresence(cmp, statusId, event.getParam('statusName'));
    },

    sendPresence: function (cmp, statusId, statusName, replyTo) {
        var protocol = this.protocol();
        if (!protocol) return;
        this.send(cmp, 'presenceChanged', { statusId: statusId, statusName: this.text(statusName, protocol.LIMITS.text) }, replyTo);
    },

    /** Answers a request with `error`. */
    fail: function (cmp, error, fallback, replyTo) {
        var protocol = this.protocol();
        this.send(cmp, 'error', { message: this.text(this.reason(error, fallback), protocol.LIMITS.errorMessage) || fallback }, replyTo);
    },

    reason: function (error, fallback) {
        if (error && typeof error.message === 'string' && error.message) return error.message;
        if (typeof error === 'string' && error) return error;
        return fallback;
    },

    tabRecordOf: function (cmp, tabId) {
        return (cmp.get('v.tabRecords') || {})[tabId] || '';
    },

    rememberTab: function (cmp, tabId, recordId) {
        var records = this.copy(cmp.get('v.tabRecords'));
        records[tabId] = recordId;
        cmp.set('v.tabRecords', records);
    },

    forgetTab: function (cmp, tabId) {
        var records = this.copy(cmp.get('v.tabRecords'));
        var recordId = records[tabId] || '';
        delete records[tabId];
        cmp.set('v.tabRecords', records);
        return recordId;
    },

    rememberWork: function (cmp, workId, workItemId) {
        var works = this.copy(cmp.get('v.workItems'));
        works[workId] = workItemId;
        cmp.set('v.workItems', works);
    },

    workItemOf: function (cmp, workId) {
        return (cmp.get('v.workItems') || {})[workId] || '';
    },

    copy: function (map) {
        var copy = {};
        for (var key in map || {}) {
            if (Object.prototype.hasOwnProperty.call(map, key)) copy[key] = map[key];
        }
        return copy;
    },

    /** Text for the channel: a string no longer than `max` (the protocol refuses longer text). */
    text: function (value, max) {
        return value === undefined || value === null ? '' : String(value).substring(0, max);
    }
})
