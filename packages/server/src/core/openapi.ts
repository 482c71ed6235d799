import type { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import type { TokenErrorCode } from "../error-codes";
import { errorResponses, PRESENTED_CREDENTIAL_ERRORS, SIGN_IN_ERRORS, type OpenAPIResponse } from "./openapi-errors";

type EndpointMetadata = NonNullable<Parameters<typeof createAuthEndpoint.serverOnly>[0]["metadata"]>;
type OpenAPIOperation = NonNullable<EndpointMetadata["openapi"]>;

type Method = "GET" | "POST" | "DELETE";

/** The reference's section for each plugin (its default would be the plugin id, "Api-key"). */
export const OPENAPI_TAGS = { apiKey: "API keys", bearer: "Bearer tokens" } as const;

/** The options `withOpenAPI` reads: what the endpoint takes is documented from its own schemas. */
interface EndpointInput {
  method: Method | Method[];
  body?: z.ZodType;
  /** Optional as a whole where a call may send no query at all (`apiKey.list()`). */
  query?: z.ZodObject | z.ZodOptional<z.ZodObject>;
  /** Kept beside `openapi`: e.g. `noStore`, which Better Auth turns into `Cache-Control: no-store`. */
  metadata?: { noStore?: boolean };
}

/** What an endpoint's options cannot say about it. */
export interface EndpointDoc {
  /** The endpoint's key in the plugin's `endpoints`, which is also its `auth.api` name. */
  operationId: string;
  tag: string;
  /**
   * One short line, for the reference's sidebar. Better Auth 1.7.5 leaves it out of the document
   * (better-auth#1493); it is declared for when it keeps it, and test/openapi.test.ts holds it.
   */
  summary: string;
  description: string;
  /** The 200 answer as it goes over HTTP (dates as ISO strings). */
  response: {
    description: string;
    schema: z.ZodType;
    headers?: Record<string, string>;
  };
  /** The refusals of this endpoint, beyond those every endpoint of ours can answer. */
  errors?: readonly TokenErrorCode[];
}

/**
 * The endpoint's options with `metadata.openapi` for Better Auth's `openAPI()` reference. The
 * request is documented from the same zod schemas that validate it, the answer from
 * `response-schemas.ts`, the errors from the error table.
 *
 * `openapi` is typed `object`, not spelled out: only `openAPI()` reads it, and an app that
 * declares its auth instance's type must be able to name every type in it (TS2742).
 *
 * @example
 * createAuthEndpoint("/api-key/get", withOpenAPI({ method: "GET", query }, { operationId: "getApiKey", … }), handler)
 */
export function withOpenAPI<Options extends EndpointInput>(
  options: Options,
  doc: EndpointDoc,
): Options & { metadata: { openapi: object } } {
  let operation: OpenAPIOperation | undefined;
  // Built on first read: only `openAPI()` reads it, and the JSON Schemas cost milliseconds per plugin.
  const metadata = {
    ...options.metadata,
    get openapi() {
      return (operation ??= describeOperation(options, doc));
    },
  };
  return { ...options, metadata };
}

function describeOperation(options: EndpointInput, doc: EndpointDoc): OpenAPIOperation {
  const methods = Array.isArray(options.method) ? options.method : [options.method];
  // Our body limit refuses any request body over the limit, whether the endpoint reads one or not.
  const carriesBody = methods.some((method) => method !== "GET");
  const codes: TokenErrorCode[] = [...SIGN_IN_ERRORS, ...PRESENTED_CREDENTIAL_ERRORS, ...(doc.errors ?? [])];
  if (carriesBody) codes.push("BODY_TOO_LARGE");
  const responses: Record<string, OpenAPIResponse> = {
    200: {
      description: doc.response.description,
      ...(doc.response.headers && { headers: describeHeaders(doc.response.headers) }),
      content: { "application/json": { schema: toJsonSchema(doc.response.schema, "output") } },
    },
    ...errorResponses(codes, options.body !== undefined || options.query !== undefined),
  };
  const openapi = {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    description: doc.description,
    ...(options.query && { parameters: queryParameters(options.query) }),
    ...(carriesBody && { requestBody: requestBody(options.body) }),
    responses,
  };
  // better-call types a subset of OpenAPI (one `type`, no `anyOf`, no response headers); Better
  // Auth's generator copies these objects into the document as they are.
  return openapi as unknown as OpenAPIOperation;
}

function requestBody(body: z.ZodType | undefined) {
  if (!body) {
    // Nothing to send: said explicitly, so the reference does not look undocumented.
    return {
      required: false,
      description: "No body: the endpoint reads none.",
      content: { "application/json": { schema: { type: "object", properties: {} } } },
    };
  }
  return { required: true, content: { "application/json": { schema: toJsonSchema(body, "input") } } };
}

function queryParameters(query: z.ZodObject | z.ZodOptional<z.ZodObject>) {
  const object = query instanceof z.ZodOptional ? query.unwrap() : query;
  return Object.entries(object.shape).map(([name, schema]) => {
    const { description, ...jsonSchema } = toJsonSchema(schema, "input");
    return {
      name,
      in: "query",
      required: !schema.safeParse(undefined).success,
      ...(typeof description === "string" && { description }),
      schema: jsonSchema,
    };
  });
}

function describeHeaders(headers: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: "string" as const } }]),
  );
}

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1, which Better Auth's document declares. */
function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
    io,
    // Our custom checks carry their JSON Schema in `.meta()` (see request-schemas.ts).
    unrepresentable: "any",
    override: ({ jsonSchema: generated }) => {
      // zod spells out `date-time` as a long regular expression too: the format says it.
      if (generated.format === "date-time") delete generated.pattern;
    },
  });
  return jsonSchema;
}
