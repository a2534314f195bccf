({
    // Console and Omni-Channel events become bridge events; ContactPad's requests go to the
    // helper. ES5 syntax and ES6 Promises only, as Aura component code must be
    // (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_supported_es.htm).
    // Event parameters: developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/
    // sforce_api_console_events_tabcreated.htm, _tabfocused.htm, _tabclosed.htm,
    // _omnichannelworkassigned.htm, _omnichannelworkaccepted.htm, _omnichannelworkdeclined.htm,
    // _omnichannelworkclosed.htm, _omnichannelstatuschanged.htm, _omnichannellogout.htm.

    onInit: function (cmp) {
        // bridge-protocol.js is not loaded yet: ltng:require loads it asynchronously.
        cmp.set('v.status', 'Loading');
    },

    onScriptsLoaded: function (cmp, event, helper) {
        helper.start(cmp);
    },

    onMessage: function (cmp, message, helper) {
        helper.handleRequest(cmp, message);
    },

    onTabCreated: function (cmp, event, helper) {
        helper.tabCreated(cmp, event.getParam('tabId'));
    },

    onTabFocused: function (cmp, event, helper) {
        // Also fired when the agent goes from a tab to a navigation item (no tab is focused then).
        var tabId = event.getParam('currentTabId');
        if (tabId) helper.sendTab(cmp, 'tabFocused', tabId);
    },

    onTabClosed: function (cmp, event, helper) {
        helper.sendTabClosed(cmp, event.getParam('tabId'));
    },

    onWorkAssigned: function (cmp, event, helper) {
        var work = helper.work(cmp, event.getParam('workId'), event.getParam('workItemId'), false);
        helper.send(cmp, 'workAssigned', { work: work });
    },

    onWorkAccepted: function (cmp, event, helper) {
        helper.send(cmp, 'workAccepted', helper.workIds(cmp, event));
    },

    onWorkDeclined: function (cmp, event, helper) {
        helper.send(cmp, 'workDeclined', helper.workIds(cmp, event));
    },

    onWorkClosed: function (cmp, event, helper) {
        helper.send(cmp, 'workClosed', helper.workIds(cmp, event));
    },

    onStatusChanged: function (cmp, event, helper) {
        helper.statusChanged(cmp, event);
    },

    onLogout: function (cmp, event, helper) {
        helper.sendPresence(cmp, null, 'Offline');
    }
})
