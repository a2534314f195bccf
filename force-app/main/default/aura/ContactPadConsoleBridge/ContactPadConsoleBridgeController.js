({
    // Console and Omni-Channel events become bridge events; requests go to the helper.
    onInit: function (cmp, event, helper) {
        helper.sendHello(cmp);
    },

    onMessage: function (cmp, message, helper) {
        helper.handleRequest(cmp, message);
    },

    onTabCreated: function (cmp, event, helper) {
        helper.sendTab(cmp, 'tabOpened', event.getParam('tabId'));
    },

    onTabFocused: function (cmp, event, helper) {
        helper.sendTab(cmp, 'tabFocused', event.getParam('currentTabId'));
    },

    onTabClosed: function (cmp, event, helper) {
        var tabId = event.getParam('tabId');
        helper.send(cmp, 'tabClosed', { tabId: tabId, recordId: helper.forgetTab(cmp, tabId) });
    },

    onWorkAssigned: function (cmp, event, helper) {
        var work = helper.work(cmp, event.getParam('workId'), event.getParam('workItemId'), false);
        if (work) helper.send(cmp, 'workAssigned', { work: work });
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
        helper.send(cmp, 'presenceChanged', { statusId: event.getParam('statusId'), statusName: helper.text(event.getParam('statusName')) });
    },

    onLogout: function (cmp, event, helper) {
        helper.send(cmp, 'presenceChanged', { statusId: null, statusName: 'Offline' });
    }
})
