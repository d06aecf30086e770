import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { readXlsx } from "../lib/exports/xlsx-read";
import { csvTable, download, signInTo } from "./helpers";

test("the ledger's export holds every filtered operation, named for what it holds", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto("/adicor/ledger?kind=sale&from=2025-01-01&to=2025-12-31");
  const count = Number((await page.getByTestId("ledger-count").innerText()).replace(/\D/g, ""));
  expect(count).toBeGreaterThan(50); // more than one page: the file is not just the page
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").first().click()]);
  expect(dl.suggestedFilename()).toBe("tamkin-ledger-adicor-2025-sale-fr.csv");
  const table = csvTable(readFileSync(await dl.path()));
  expect(table[0]).toEqual(["Date", "Groupe", "Village", "Activité", "Opération", "Montant", "Devise", "Note"]);
  expect(table.length - 1).toBe(count);
  expect(table.slice(1).every((r) => r[4] === "vente" && r[0] >= "2025-01-01" && r[0] <= "2025-12-31")).toBe(true);
});

test("each revenue breakdown downloads as a workbook with the page's figures", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto("/adicor/dashboard");
  const block = page.getByTestId("by-activity");
  const shown = await block
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector("td")!.textContent.trim(),
        ...Array.from(tr.querySelectorAll("[data-value]")).map((m) => Number(m.getAttribute("data-value"))),
      ]),
    );
  expect(shown.length).toBeGreaterThan(0);
  const xlsx = await download(page, "export-xlsx", "by-activity");
  expect(xlsx.name).toBe("tamkin-revenue-by-activity-adicor-fr.xlsx");
  const book = readXlsx(new Uint8Array(xlsx.bytes));
  expect(book.rows[0]).toEqual(["Activité", "XOF", "MRU"]);
  expect(book.rows.slice(1)).toEqual(shown);
  expect(book.sheetNames[1]).toBe("À propos");
});
