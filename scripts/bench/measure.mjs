/**
 * The measures of the benchmark: server time, throughput under 20 connections, memory, and the
 * 3G budget in Chromium (Regular 3G: 300 ms, 700 kbit/s down; 4x CPU slowdown), all on loopback.
 */
import { gzipSync } from "node:zlib";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { chromium } from "@playwright/test";

export const percentile = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Time of a whole response (first byte to last) on loopback: the server's time. */
export async function serverTimes(url, cookie, n, warmup = 3) {
  const times = [];
  let bytes = 0;
  let gz = 0;
  for (let i = 0; i < n + warmup; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie, "accept-encoding": "identity" }, redirect: "manual" });
    const body = Buffer.from(await res.arrayBuffer());
    const dt = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    if (i >= warmup) times.push(dt);
    bytes = body.length;
    gz = gzipSync(body).length;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), htmlBytes: bytes, htmlGzip: gz };
}

/** Requests per second and latency under `connections` concurrent connections. */
export async function throughput(url, cookie, seconds, connections = 20) {
  const r = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 20 });
  const non2xx = r.non2xx + r.errors + r.timeouts;
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: non2xx, total: r.requests.total };
}

const REGULAR_3G = { offline: false, latency: 300, downloadThroughput: (700 * 1024) / 8, uploadThroughput: (700 * 1024) / 8 };

/**
 * Cold (empty cache) and warm (second visit) loads of each page under Regular 3G: largest
 * contentful paint and bytes transferred (encoded, as they cross the network).
 */
export async function browserBudget(pages, { cookies = [], executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" } = {}) {
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  const out = [];
  try {
    for (const p of pages) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
      if (p.cookies) await context.addCookies(p.cookies);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", REGULAR_3G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      let bytes = 0;
      cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
      const visit = async () => {
        bytes = 0;
        await page.goto(p.url, { waitUntil: "load", timeout: 120_000 });
        await sleep(300);
        const lcp = await page.evaluate(
          () =>
            new Promise((resolve) => {
              let last = 0;
              new PerformanceObserver((l) => {
                for (const e of l.getEntries()) last = e.startTime;
              }).observe({ type: "largest-contentful-paint", buffered: true });
              setTimeout(() => resolve(last), 200);
            }),
        );
        return { lcp, bytes };
      };
      const cold = await visit();
      const warm = await visit();
      out.push({ name: p.name, kind: p.kind, cold, warm });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
