import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

export interface OpenApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

/** Served straight by the HTTP adapter, outside the guard: the contract is public, the data is not. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => createOpenApiDocument(app, options), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}

export function createOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer');
  if (options.description) builder.setDescription(options.description);
  return refuseUnknownRequestProperties(SwaggerModule.createDocument(app, builder.build()));
}

type SchemaNode = { $ref?: string; type?: string; properties?: Record<string, unknown>; additionalProperties?: unknown } & Record<string, unknown>;

/**
 * The validation pipe refuses a property a request body's class does not declare (a misspelt field
 * never passes silently): the document says so of every schema a request body reaches, so that
 * clients and generated tests know it too.
 */
export function refuseUnknownRequestProperties(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const schema = node as SchemaNode;
    const name = schema.$ref?.replace('#/components/schemas/', '');
    if (name !== undefined && !reached.has(name) && schemas[name]) {
      reached.add(name);
      visit(schemas[name]);
    }
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    Object.values(schema).forEach(visit);
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) visit((operation as { requestBody?: unknown }).requestBody);
  }
  return document;
}
