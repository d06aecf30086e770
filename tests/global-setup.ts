/**
 * Once per vitest run, before any test file: a migrated, empty database that every test file's
 * `createTestDb()` copies instead of applying the fifty-odd migrations again (half a minute a file
 * on PGlite). PostgreSQL: a template database, copied by CREATE DATABASE … TEMPLATE. PGlite: a
 * tarball of the migrated data folder, loaded by each file's own PGlite. The copies are the very
 * databases the migrations make (tests/integration/ledger-notes-migration.test.ts and the others
 * that migrate step by step open their own).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDb } from "@/db/client";
import { grantAppRole } from "@/db/grants";

export interface DbTemplate {
  /** PostgreSQL: the template database's name. */
  database?: string;
  /** PGlite: the migrated data folder's tarball. */
  tarball?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: DbTemplate;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tamkin_tpl_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const h = await openDb({ url: url.toString(), maintenance: true, max: 1 });
    await h.migrate();
    await h.close();
    const appUrl = process.env.DATABASE_OWNER_URL ? process.env.DATABASE_URL : undefined;
    if (appUrl) await grantAppRole(url.toString(), decodeURIComponent(new URL(appUrl).username));
    project.provide("dbTemplate", { database: name });
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    };
  }
  const h = await openDb({});
  await h.migrate();
  const blob = await h.dumpDataDir!();
  await h.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "tamkin-tpl-"));
  const tarball = path.join(dir, "migrated.tar");
  writeFileSync(tarball, Buffer.from(await blob.arrayBuffer()));
  project.provide("dbTemplate", { tarball });
  return () => rmSync(dir, { recursive: true, force: true });
}
