/**
 * A REST API error as Salesforce answers it: an HTTP status and a body that is an array
 * of `{ message, errorCode, fields? }`.
 */
export class SalesforceApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(message);
    this.name = 'SalesforceApiError';
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  /** The JSON body Salesforce sends: `[{"message": ..., "errorCode": ...}]`. */
  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [this.fields ? { message: this.message, errorCode: this.errorCode, fields: this.fields } : { message: this.message, errorCode: this.errorCode }];
  }
}

/** The `NOT_FOUND` error Salesforce answers for an unknown record or resource. */
export function notFound(): SalesforceApiError {
  return new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/**
 * `ENTITY_IS_DELETED` for a record in the Recycle Bin: Salesforce answers a GET, PATCH or
 * DELETE of it with 404 `[{"message":"entity is deleted","errorCode":"ENTITY_IS_DELETED","fields":[]}]`.
 */
export function entityIsDeleted(): SalesforceApiError {
  return new SalesforceApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
}

/** `INVALID_TYPE` for an sObject name the org does not have. */
export function invalidType(name: string, where = ''): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_TYPE',
    `${where}sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** `INVALID_FIELD` for a field name the sObject does not have, as SOQL/SOSL report it. */
export function noSuchColumn(field: string, sobject: string, where = ''): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_FIELD',
    `${where}No such column '${field}' on entity '${sobject}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/**
 * The prefix Salesforce puts before a query or search error: the statement, a caret under
 * the offending column, and `ERROR at Row:1:Column:N`.
 */
export function errorLocation(statement: string, offset: number): string {
  const oneLine = statement.replace(/\r?\n/g, ' ');
  return `\n${oneLine}\n${' '.repeat(Math.max(0, offset))}^\nERROR at Row:1:Column:${offset + 1}\n`;
}
