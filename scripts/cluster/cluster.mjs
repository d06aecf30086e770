/**
 * Several portal instances behind nginx (round robin), each reaching PostgreSQL through
 * pgbouncer in transaction mode: the way the portal grows beyond one machine, started for real
 * on loopback for the browser tests (E2E_CLUSTER=1) and the benchmark. Debian's nginx and
 * pgbouncer; their configurations are written to a temporary folder.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForPort(port, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => (c.end(), resolve(true)));
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    await wait(200);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

function need(cmd) {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`]);
  if (r.status !== 0) throw new Error(`${cmd} is not installed (Debian package: ${cmd === "pgbouncer" ? "pgbouncer" : "nginx"})`);
  return r.stdout.toString().trim();
}

/**
 * pgbouncer in transaction mode in front of `serverUrl` (a local PostgreSQL), for the users of
 * `urls`. Returns those URLs rewritten to go through it, and a stop function.
 */
export async function startPgbouncer(serverUrl, urls) {
  const bin = need("pgbouncer");
  const dir = mkdtempSync(path.join(os.tmpdir(), "tamkin-pgbouncer-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new URL(serverUrl);
  const users = [...new Map(urls.map((u) => new URL(u)).map((u) => [decodeURIComponent(u.username), decodeURIComponent(u.password)])).entries()];
  writeFileSync(path.join(dir, "userlist.txt"), users.map(([u, p]) => `"${u}" "${p}"`).join("\n") + "\n", { mode: 0o644 });
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    `[databases]
* = host=${server.hostname === "localhost" ? "127.0.0.1" : server.hostname} port=${server.port || 5432}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${path.join(dir, "userlist.txt")}
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
query_wait_timeout = 30
server_reset_query =
logfile =
pidfile =
log_connections = 0
log_disconnections = 0
log_stats = 0
`,
  );
  // pgbouncer refuses to run as root: run it as the postgres user when we are root.
  const asRoot = process.getuid?.() === 0;
  const child = asRoot
    ? spawn("runuser", ["-u", "postgres", "--", bin, path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "inherit"] })
    : spawn(bin, [path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "inherit"] });
  await waitForPort(port);
  const through = urls.map((u) => {
    const x = new URL(u);
    x.hostname = "127.0.0.1";
    x.port = String(port);
    return x.toString();
  });
  return { urls: through, port, stop: () => child.kill("SIGTERM") };
}

/** nginx on `port`, balancing round robin over the instances' ports. */
export async function startNginx(port, upstreamPorts) {
  const bin = need("nginx");
  const dir = mkdtempSync(path.join(os.tmpdir(), "tamkin-nginx-"));
  for (const d of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, d));
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `${asRoot ? "user root;" : ""}
daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${path.join(dir, "client_body")};
  proxy_temp_path ${path.join(dir, "proxy")};
  fastcgi_temp_path ${path.join(dir, "fastcgi")};
  uwsgi_temp_path ${path.join(dir, "uwsgi")};
  scgi_temp_path ${path.join(dir, "scgi")};
  # As proxy.ts: 1 MB a request, but the import's spreadsheet (20 MB) to the import page's server
  # action (without JavaScript) and to its upload route (with it), in the server block below.
  client_max_body_size 1m;
  gzip on;
  gzip_types text/css application/javascript application/json text/plain text/x-component image/svg+xml;
  # Close idle upstream connections before Node does (its keep-alive is 5 s): a request sent on a
  # connection the instance has just closed would be reset, and a POST is not retried.
  upstream tamkin { ${upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=0;`).join(" ")} keepalive 16; keepalive_timeout 4s; }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    # The client's address, replacing whatever it sent: run the instances with TRUST_PROXY=1.
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_buffering off;
    proxy_read_timeout 300s;
    location / {
      proxy_pass http://tamkin;
    }
    # The import's spreadsheet: 21 MB (the instance answers "over 20 MB", translated). nginx keeps
    # the body in a file under client_body_temp_path, not in memory, until it has it all, then
    # sends it at once: a slow connection keeps no instance reading (nor a transaction open).
    location ~ ^/[a-z0-9-]+/import(/upload)?/?$ {
      client_max_body_size 21m;
      proxy_pass http://tamkin;
    }
  }
}
`,
  );
  const child = spawn(bin, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "inherit"] });
  await waitForPort(port);
  return { stop: () => child.kill("SIGQUIT") };
}

/**
 * `count` `next start` instances of the same build on free ports, with `env`; returns their
 * ports and a stop function. Each instance is its own process, sharing nothing but the database.
 */
export async function startInstances(count, env) {
  const ports = [];
  const children = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    ports.push(port);
    children.push(
      spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], { stdio: "inherit", env: { ...env, TAMKIN_INSTANCE: String(i + 1) } }),
    );
  }
  for (const p of ports) await waitForPort(p, 120_000);
  return { ports, children, stop: () => children.forEach((c) => c.kill("SIGTERM")) };
}
