/**
 * The server's one error table, copied into the client's build: a browser install gets the codes
 * without any server code or its dependencies. The path is relative on purpose, so the build
 * bundles the table (JavaScript and types) instead of importing the server package, which is
 * only an optional peer, for types.
 */
export { TOKEN_ERROR_CODES, type TokenErrorCode } from "../../server/src/error-codes";
