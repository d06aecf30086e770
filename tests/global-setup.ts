/**
 * Once per vitest run, before any test file: a migrated, empty database that every test file's
 * `createTestDb()` copies instead of applying the fifty-odd migrations again (half a minute a file
 * on PGlite), and the same with the demo seeded, for `createTestDb({ demo: true })` (the seed
 * takes a quarter of a minute more). PostgreSQL: a template database, copied by CREATE DATABASE … TEMPLATE. PGlite: a
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
import { openDb, type DbHandle } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import { grantAppRole } from "@/db/grants";

export interface DbTemplate {
  /** PostgreSQL: the template database's name (migrated), and its copy with the demo seeded. */
  database?: string;
  demoDatabase?: string;
  /** PGlite: the migrated data folder's tarball, and the same with the demo seeded. */
  tarball?: string;
  demoTarball?: string;
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
    const demoName = `${name}_demo`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const urlOf = (db: string) => {
      const url = new URL(serverUrl);
      url.pathname = `/${db}`;
      return url.toString();
    };
    const drop = async () => {
      for (const db of [demoName, name]) await admin.unsafe(`drop database if exists ${db} with (force)`).catch(() => undefined);
    };
    try {
      await admin.unsafe(`create database ${name}`);
      const h = await openDb({ url: urlOf(name), maintenance: true, max: 1 });
      await h.migrate();
      await h.close();
      const appUrl = process.env.DATABASE_OWNER_URL ? process.env.DATABASE_URL : undefined;
      if (appUrl) await grantAppRole(urlOf(name), decodeURIComponent(new URL(appUrl).username));
      await admin.unsafe(`create database ${demoName} template ${name}`);
      const d = await openDb({ url: urlOf(demoName), maintenance: true, max: 1 });
      await seedDemo(d.db);
      await d.close();
    } catch (err) {
      await drop();
      await admin.end();
      throw err;
    }
    project.provide("dbTemplate", { database: name, demoDatabase: demoName });
    return async () => {
      await drop();
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "tamkin-tpl-"));
  const dump = async (h: DbHandle, file: string) => {
    const blob = await h.dumpDataDir!();
    writeFileSync(path.join(dir, file), Buffer.from(await blob.arrayBuffer()));
    return path.join(dir, file);
  };
  const h = await openDb({});
  await h.migrate();
  const tarball = await dump(h, "migrated.tar");
  await seedDemo(h.db);
  const demoTarball = await dump(h, "demo.tar");
  await h.close();
  project.provide("dbTemplate", { tarball, demoTarball });
  return () => rmSync(dir, { recursive: true, force: true });
}
