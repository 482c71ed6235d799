// Usage: node schema.mjs <create|drop> <name>: an empty PostgreSQL schema for one run (DATABASE_URL).
import pg from "pg";

const [action, name] = process.argv.slice(2);
if (!/^[a-z_][a-z0-9_]*$/.test(name ?? "")) throw new Error(`not a schema name: ${name}`);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query(action === "create" ? `create schema ${name}` : `drop schema if exists ${name} cascade`);
await client.end();
