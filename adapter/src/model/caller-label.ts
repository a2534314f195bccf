/**
 * Who the caller is, as far as Salesforce knows: the label a screen-pop rule earns for a
 * matching record (Lead, Customer, Previous Customer; the CRM team names the rules in Setup),
 * or Unknown when no rule matched.
 */
export type CallerLabel = 'Lead' | 'Customer' | 'Previous Customer' | 'Unknown';
