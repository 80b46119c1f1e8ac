/**
 * The console's OpenAPI document, read as the tests need it: its operations, and validators that
 * check a response body against the schema the document declares for that operation and status.
 * The file is written in YAML's JSON-compatible style, so JSON.parse reads it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// ajv ships CommonJS; createRequire keeps its classes typed without esModuleInterop games.
const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;

export const CONSOLE_OPENAPI_PATH = new URL('../../docs/api/console.openapi.yaml', import.meta.url);
const DOCUMENT_ID = 'console.openapi.yaml';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  operationId: string;
  'x-admin'?: boolean;
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
  components: { schemas: Record<string, unknown> };
}

export function loadConsoleOpenApi(): OpenApiDocument {
  return JSON.parse(readFileSync(CONSOLE_OPENAPI_PATH, 'utf8')) as OpenApiDocument;
}

export interface DeclaredOperation {
  method: string;
  path: string;
  operationId: string;
  admin: boolean;
}

export function declaredOperations(document: OpenApiDocument): DeclaredOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      if (operation === undefined) return [];
      return [
        {
          method: method.toUpperCase(),
          path,
          operationId: operation.operationId,
          admin: operation['x-admin'] === true,
        },
      ];
    }),
  );
}

const pointerPart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Validates bodies against the document's response schemas; their `#/components/...` references
 * resolve inside the document, which Ajv holds as one schema whose OpenAPI keywords it ignores.
 */
export function consoleResponseValidator(document = loadConsoleOpenApi()) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'paths', 'components']);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (method: string, path: string, status: number, body: unknown): string[] => {
    const operation = document.paths[path]?.[method.toLowerCase() as (typeof HTTP_METHODS)[number]];
    if (operation === undefined) return [`the document declares no ${method} ${path}`];
    const response = operation.responses[String(status)];
    if (response === undefined) return [`${method} ${path} declares no ${status} response`];
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status)]
      .map(pointerPart)
      .join('/');
    const declared = response as { $ref?: string; content?: unknown };
    const schemaRef =
      declared.$ref !== undefined
        ? `${DOCUMENT_ID}${declared.$ref}/content/application~1json/schema`
        : `${DOCUMENT_ID}#/${pointer}/content/application~1json/schema`;
    if (declared.$ref === undefined && declared.content === undefined) {
      return body === undefined ? [] : [`${method} ${path} ${status} declares no body`];
    }
    const validate = compiled.get(schemaRef) ?? ajv.compile({ $ref: schemaRef });
    compiled.set(schemaRef, validate);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
  };
}
