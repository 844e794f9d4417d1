// PostgreSQL for tests: a fresh, empty database per test (or file) on the test server, dropped afterwards.
// The server is WORKBENCH_TEST_PG (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres); `npm test`
// starts a throwaway cluster and sets it (tests/globalSetup.ts), as .ci/run does.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function testServerUrl(): string {
  const url = process.env.WORKBENCH_TEST_PG;
  if (!url) {
    throw new Error(
      '没有测试用的 PostgreSQL 服务器：请设置 WORKBENCH_TEST_PG，或用 npm test 运行（它会启动临时集群） / No PostgreSQL test server: set WORKBENCH_TEST_PG, or run through npm test (which starts a throwaway cluster)',
    );
  }
  return url;
}

/** The URL of `database` on the test server, as `role` (default: the admin's role). */
export function databaseUrl(database: string, role?: string): string {
  const u = new URL(testServerUrl());
  u.pathname = `/${database}`;
  if (role) {
    u.username = role;
    u.password = '';
  }
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database named after `prefix`; returns its URL (admin role). */
export async function freshDatabase(prefix = 'wb_test'): Promise<{ name: string; url: string }> {
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Runs SQL as the admin on one database (setting up roles, reading what a test wrote). */
export async function adminQuery(database: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A login role on the test server with the given workbench role (viewer, analyst, owner); created once. */
export async function loginRole(name: string, workbenchRole: 'viewer' | 'analyst' | 'owner'): Promise<string> {
  await admin(async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`CREATE ROLE ${name} LOGIN`);
    await c.query(`GRANT workbench_${workbenchRole} TO ${name}`);
  });
  return name;
}
