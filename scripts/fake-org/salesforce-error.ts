/**
 * A REST API error as Salesforce answers it: an HTTP status and a body that is an array
 * of `{ message, errorCode, fields? }` (REST API Developer Guide, "Status Codes and Error
 * Responses", https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
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

/**
 * The `NOT_FOUND` error Salesforce answers for an unknown record or resource:
 * 404 `[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]`
 * (recorded in github.com/sorenkrabbe/Chrome-Salesforce-inspector issue 62 and
 * github.com/electricimp/Salesforce issue 11).
 */
export function notFound(): SalesforceApiError {
  return new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/**
 * `SERVER_UNAVAILABLE` for an org that cannot serve the request (maintenance, an overloaded
 * instance): 503 `[{"message":"Too many requests waiting for connections","errorCode":"SERVER_UNAVAILABLE"}]`.
 * The status: REST API Developer Guide, "Status Codes and Error Responses" (errorcodes.htm): 503
 * when the server is down for maintenance or overloaded; Knowledge Article 000116783 ("What
 * response will Salesforce return during maintenance windows?"): "HTTP 503 (Service
 * Unavailable)". The code and message: Knowledge Article 000387190 (formerly 000205947),
 * "SERVER_UNAVAILABLE: Too many requests waiting for connections" as integrations log it
 * (errorCode: message); the body is the REST API's error list, as for every other error.
 */
export function serverUnavailable(): SalesforceApiError {
  return new SalesforceApiError(503, 'SERVER_UNAVAILABLE', 'Too many requests waiting for connections');
}

/**
 * `ENTITY_IS_DELETED` for a record in the Recycle Bin: Salesforce answers a GET, PATCH or
 * DELETE of it with 404 `[{"message":"entity is deleted","errorCode":"ENTITY_IS_DELETED","fields":[]}]`
 * (code listed in errorcodes.htm / the SOAP StatusCode list; body shape as the project's
 * earlier research recorded it, unverified against a public recorded answer).
 */
export function entityIsDeleted(): SalesforceApiError {
  return new SalesforceApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
}

/**
 * `INVALID_TYPE` for an sObject name the org does not have (SOQL, SOSL): "sObject type 'X' is
 * not supported. If you are attempting to use a custom object, be sure to append the '__c'
 * after the entity name. Please reference your WSDL or the describe call for the appropriate
 * names." after the query locator (recorded in github.com/vlocityinc/vlocity_build issue 446
 * and salesforce-python-client/pyforce issue 25).
 */
export function invalidType(name: string, where = ''): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_TYPE',
    `${where}sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/**
 * `INVALID_FIELD` for a field name the sObject does not have, as SOQL/SOSL report it: "No such
 * column 'F' on entity 'X'. If you are attempting to use a custom field, be sure to append the
 * '__c' after the custom field name. Please reference your WSDL or the describe call for the
 * appropriate names." (Salesforce's wording as commonly reported; exact text unverified here).
 */
export function noSuchColumn(field: string, sobject: string, where = ''): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_FIELD',
    `${where}No such column '${field}' on entity '${sobject}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/**
 * The prefix Salesforce puts before a query or search error: the statement, a caret under
 * the offending column, and `ERROR at Row:1:Column:N` (as recorded in vlocityinc/vlocity_build
 * issues 364 and 446).
 */
export function errorLocation(statement: string, offset: number): string {
  const oneLine = statement.replace(/\r?\n/g, ' ');
  return `\n${oneLine}\n${' '.repeat(Math.max(0, offset))}^\nERROR at Row:1:Column:${offset + 1}\n`;
}
